/** The AWS CDK app: the whole service as one stack of four constructs, secure by default, and the cdk-nag checks on it. */
package dev.productupload.infra;
