/** What the domain needs from the outside world: storage for files and products, the remembered answers of keyed writes, identifiers. */
package dev.productupload.domain.port.out;
