/** What the outside world can ask of the domain: use cases and their commands, queries and their results. */
package dev.productupload.domain.port.in;
