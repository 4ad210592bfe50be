/** Products, file references and the limits every product obeys. */
package dev.productupload.domain.model;
