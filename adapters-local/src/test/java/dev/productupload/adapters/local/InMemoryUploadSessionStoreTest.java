package dev.productupload.adapters.local;

import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.port.out.UploadSessionStore;
import dev.productupload.domain.port.out.UploadSessionStoreContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryUploadSessionStoreTest extends UploadSessionStoreContract {

    @Override
    protected UploadSessionStore store() {
        return new InMemoryUploadSessionStore();
    }

    @Test
    void dropsExpiredSessionsBeforeRefusingANewOneAsStorageFull() {
        // given
        InMemoryUploadSessionStore store = new InMemoryUploadSessionStore(1);
        store.save(session("p-1", "u-1"));

        // when: a session created once the first has expired takes its place
        var later = session("p-1", "u-2");
        var afterExpiry = new dev.productupload.domain.model.UploadSession(later.uploadId(), later.productId(),
                later.key(), later.fileName(), later.contentType(), later.size(), later.checksum(),
                T0.plus(WINDOW), T0.plus(WINDOW).plus(WINDOW));
        store.save(afterExpiry);

        // then
        assertThat(store.find("p-1", "u-2", T0.plus(WINDOW))).isPresent();
        assertThatThrownBy(() -> store.save(session("p-1", "u-3"))).isInstanceOf(StorageFullException.class);
    }
}
