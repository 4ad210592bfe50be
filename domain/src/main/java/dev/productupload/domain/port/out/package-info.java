/** What the domain needs from the outside world: storage for files and products, identifiers. */
package dev.productupload.domain.port.out;
