package dev.productupload.adapters.local;

import dev.productupload.domain.port.out.UploadSessionStore;
import dev.productupload.domain.port.out.UploadSessionStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemUploadSessionStoreTest extends UploadSessionStoreContract {

    @TempDir
    Path root;

    @Override
    protected UploadSessionStore store() {
        return new FileSystemUploadSessionStore(root);
    }

    @Test
    void keepsASessionAcrossARestart() {
        // given
        new FileSystemUploadSessionStore(root).save(session("p-1", "u-1"));

        // when / then
        assertThat(new FileSystemUploadSessionStore(root).find("p-1", "u-1", T0)).contains(session("p-1", "u-1"));
    }

    @Test
    void namesNoFileAfterTheUploadId() throws Exception {
        // given
        store().save(session("p-1", "../../u-1"));

        // when
        try (Stream<Path> files = Files.list(root.resolve("upload-sessions"))) {
            // then
            assertThat(files.map(path -> path.getFileName().toString()))
                    .singleElement().asString().matches("[0-9a-f]{64}\\.json");
        }
    }
}
