/** Benchmarks of the handler and the local server, side by side with the Python handler they replace. Not tests. */
package dev.productupload.bench;
