/** The HTTP contract of POST /upload, shared by the Lambda handler and the local server: one request pipeline. */
package dev.productupload.entrypoint.http;
