/** The Lambda handler for API Gateway REST proxy events, and its composition root. */
package dev.productupload.entrypoint.lambda;
