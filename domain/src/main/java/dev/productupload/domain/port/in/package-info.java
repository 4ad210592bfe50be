/** What the outside world can ask of the domain: use cases and their commands. */
package dev.productupload.domain.port.in;
