/** Failures a client or an operator can act on, one exception per meaning. */
package dev.productupload.domain.exception;
