package dev.productupload.domain.port.in;

/**
 * The backstop behind every upload: compares the stored file versions with the ones product versions reference,
 * erases old unreferenced versions, brings back referenced ones hidden behind a delete marker, and reports
 * references to versions that do not exist.
 */
public interface ReconcileFilesUseCase {

    /**
     * @throws dev.productupload.domain.exception.BackendUnavailableException when a store cannot be reached; the
     *         changes made before stay made, and a next run picks up where this one stopped
     */
    ReconcileReport reconcile(ReconcileCommand command);
}
