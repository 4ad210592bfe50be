/** Products, file references and the limits every product obeys; the remembered answers of keyed writes. */
package dev.productupload.domain.model;
