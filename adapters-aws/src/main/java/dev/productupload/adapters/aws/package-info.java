/** Adapters on AWS: S3 for files, DynamoDB for product versions, and the clients they run on. */
package dev.productupload.adapters.aws;
