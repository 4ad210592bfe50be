package dev.productupload.entrypoint.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.domain.port.in.ReconcileReport;

/** A reconciliation report as one JSON object: the counts, and the keys each list names. */
public final class ReconcileReportJson {

    private ReconcileReportJson() {
    }

    public static ObjectNode of(ReconcileReport report, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("dryRun", report.dryRun());
        node.put("startedAt", report.startedAt().toString());
        node.put("cutoff", report.cutoff().toString());
        node.put("tookMillis", report.took().toMillis());
        node.put("references", report.references());
        node.put("versions", report.versions());
        node.put("deleteMarkers", report.deleteMarkers());
        node.put("referenced", report.referenced());
        node.put("tooYoung", report.tooYoung());
        found(node, "orphans", report.orphans());
        found(node, "orphanMarkers", report.orphanMarkers());
        found(node, "restored", report.restored());
        found(node, "dangling", report.dangling());
        found(node, "staleLatest", report.staleLatest());
        return node;
    }

    private static void found(ObjectNode parent, String name, ReconcileReport.Found found) {
        ObjectNode node = parent.putObject(name);
        node.put("count", found.count());
        found.listed().forEach(node.putArray("listed")::add);
    }
}
