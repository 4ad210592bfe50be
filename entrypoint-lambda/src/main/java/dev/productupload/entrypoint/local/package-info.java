/** The local server: the same request pipeline on the JDK's HTTP server, wired to the local adapters. */
package dev.productupload.entrypoint.local;
