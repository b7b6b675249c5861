package org.esignonbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** docs/settings.md is what the settings' records say: it cannot drift from the code. */
class SettingsReferenceTest {

    @Test
    void docsSettingsMdIsGeneratedFromTheSettingsRecords() throws Exception {
        String generated = SettingsReference.markdown();
        if (Boolean.getBoolean("settings.write")) {
            Files.writeString(SettingsReference.DOCUMENT, generated);
        }

        assertThat(Files.exists(SettingsReference.DOCUMENT) ? Files.readString(SettingsReference.DOCUMENT) : "")
                .as("%s differs from the settings' records (their javadoc and @DefaultValue); rewrite it with: %s",
                        SettingsReference.DOCUMENT, SettingsReference.REWRITE)
                .isEqualTo(generated);
    }

    @Test
    void everyBoundSettingIsInTheReferenceWithADescription() throws Exception {
        String reference = SettingsReference.markdown();

        for (String name : BoundSettings.names()) {
            assertThat(reference).as(name).containsPattern("\\| `" + name.replace(".", "\\.") + "` \\|[^\\n]*\\*\\*[^*]+\\*\\*");
        }
    }

    @Test
    void javadocBecomesMarkdown() {
        assertThat(SettingsReference.markdown("<b>Title.</b> A {@code [{a: 1}]} list,\n   see {@link Other#name}"))
                .isEqualTo("**Title.** A `[{a: 1}]` list, see Other.name");
    }
}
