/** The HTTP contract, shared by the Lambda handler and the local server: the route table, one endpoint per route, one request pipeline. */
package dev.productupload.entrypoint.http;
