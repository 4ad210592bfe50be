/** Implementations of the use cases, written against the ports only. */
package dev.productupload.domain.service;
