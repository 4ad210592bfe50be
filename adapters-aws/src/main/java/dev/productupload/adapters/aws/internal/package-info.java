/** DynamoDB item mapping and SDK error translation, behind the AWS adapters. */
package dev.productupload.adapters.aws.internal;
