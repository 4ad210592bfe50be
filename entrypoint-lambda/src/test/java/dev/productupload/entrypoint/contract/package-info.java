/**
 * docs/openapi.yaml held to the code: its examples against its schemas, its problem types against the code's, and
 * a client generated from it driving the local server through every operation and documented status.
 */
package dev.productupload.entrypoint.contract;
