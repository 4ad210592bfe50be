/** Adapters that keep files and products in memory or in a local folder: for tests and the local run. */
package dev.productupload.adapters.local;
