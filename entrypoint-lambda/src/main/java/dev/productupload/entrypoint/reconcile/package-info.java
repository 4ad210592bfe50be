/** What the reconciler's two entrypoints share: its wiring to the AWS adapters and its report as JSON. */
package dev.productupload.entrypoint.reconcile;
