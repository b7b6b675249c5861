package org.esignonbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

/** A JVM in a 512 MiB container gets a 128 MiB heap by default: the product starts and serves in it. */
class SmallHeapTest {

    @Test
    void theProductStartsAndStoresAnExportWithA128MiBHeap() throws Exception {
        try (ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx128m", "-XX:+ExitOnOutOfMemoryError")
                .args("--esignon.spool.directory=target/small-heap-spool").start()) {
            HttpResponse<String> answer = product.postExport(ProductTest.sample("02-approve-complete.json"));

            assertThat(answer.statusCode()).as(product.log()).isEqualTo(200);
            assertThat(answer.body()).contains("\"accepted\":true");
            assertThat(product.isAlive()).isTrue();
        }
    }
}
