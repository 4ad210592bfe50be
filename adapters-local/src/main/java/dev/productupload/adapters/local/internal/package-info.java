/** Helpers of the local adapters that are not part of their face. */
package dev.productupload.adapters.local.internal;
