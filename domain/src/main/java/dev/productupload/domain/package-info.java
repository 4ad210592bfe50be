/** The product-upload business core: products, their files and the upload use case, free of any framework or cloud SDK. */
package dev.productupload.domain;
