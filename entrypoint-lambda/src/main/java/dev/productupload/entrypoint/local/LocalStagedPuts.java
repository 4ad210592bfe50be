package dev.productupload.entrypoint.local;

import com.sun.net.httpserver.HttpExchange;
import dev.productupload.adapters.local.ReceivedFileRejectedException;
import dev.productupload.adapters.local.SignedUploadLinks;
import dev.productupload.adapters.local.StagedFileReceiver;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.StorageFullException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code PUT /staged-uploads/{token}}, the local stores' presigned PUT, checked as S3 checks one: the link must be
 * unedited (else 403 {@code SignatureDoesNotMatch}) and unexpired (403 {@code AccessDenied}); {@code Content-Length},
 * {@code Content-Type}, the checksum header and {@code If-None-Match} must be the signed ones (403
 * {@code SignatureDoesNotMatch}); the body streams to the store, which refuses other bytes (400 {@code BadDigest})
 * and a second file under the key (412). Errors are S3's XML. It runs beside the pipeline, as S3 runs beside the
 * API: the body is never read into memory whole.
 */
final class LocalStagedPuts {

    /**
     * A refused PUT's body is read and dropped, up to this much, before the answer: a server that closes the
     * connection under an unread body resets it, and the client loses the answer.
     */
    private static final long MAX_DRAINED_BYTES = 256L * 1024 * 1024;

    private final SignedUploadLinks links;
    private final StagedFileReceiver receiver;

    LocalStagedPuts(SignedUploadLinks links, StagedFileReceiver receiver) {
        this.links = Objects.requireNonNull(links, "links");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            answer(exchange, body);
        }
    }

    private void answer(HttpExchange exchange, InputStream body) throws IOException {
        try {
            refuseOrReceive(exchange, body);
        } catch (ReceivedFileRejectedException e) {
            error(exchange, body, e.status(), e.code(), e.getMessage());
        } catch (StorageFullException e) {
            error(exchange, body, 507, "InsufficientStorage", "the local store has no room for the file");
        } catch (InvalidRequestException e) {
            error(exchange, body, 400, "InvalidArgument", "this file system cannot hold the key");
        }
    }

    private void refuseOrReceive(HttpExchange exchange, InputStream body) throws IOException {
        if (!"PUT".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "PUT");
            error(exchange, body, 405, "MethodNotAllowed", "a staged upload takes PUT only");
            return;
        }
        String token = exchange.getRequestURI().getRawPath().substring(SignedUploadLinks.PATH_PREFIX.length());
        SignedUploadLinks.Grant grant = links.verify(token).orElse(null);
        if (grant == null) {
            error(exchange, body, 403, "SignatureDoesNotMatch", "the URL is not one this server signed");
            return;
        }
        if (links.hasExpired(grant)) {
            error(exchange, body, 403, "AccessDenied", "Request has expired");
            return;
        }
        String mismatch = mismatch(exchange, grant);
        if (mismatch != null) {
            error(exchange, body, 403, "SignatureDoesNotMatch", mismatch + " is not the signed one");
            return;
        }
        String versionId = receiver.receive(grant.key(), body, grant.size(), grant.contentType(), grant.checksum());
        exchange.getResponseHeaders().set("x-amz-version-id", versionId);
        exchange.getResponseHeaders().set(SignedUploadLinks.checksumHeader(grant.checksum().algorithm()),
                grant.checksum().value());
        exchange.sendResponseHeaders(200, -1);
    }

    private static void drain(InputStream request) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAINED_BYTES;
        for (int read; left > 0 && (read = request.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
            left -= read;
        }
    }

    /** The first request header that differs from what the link signed, or null. */
    private static String mismatch(HttpExchange exchange, SignedUploadLinks.Grant grant) {
        var headers = exchange.getRequestHeaders();
        if (!Long.toString(grant.size()).equals(headers.getFirst("Content-Length"))) {
            return "Content-Length";
        }
        if (!grant.contentType().equals(headers.getFirst("Content-Type"))) {
            return "Content-Type";
        }
        String checksumHeader = SignedUploadLinks.checksumHeader(grant.checksum().algorithm());
        if (!grant.checksum().value().equals(headers.getFirst(checksumHeader))) {
            return checksumHeader;
        }
        if (!"*".equals(headers.getFirst("If-None-Match"))) {
            return "If-None-Match";
        }
        return null;
    }

    private static void error(HttpExchange exchange, InputStream request, int status, String code, String message)
            throws IOException {
        drain(request);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
