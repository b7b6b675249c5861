package org.esignonbridge.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/recipes.md shows each recipe file exactly as RecipesTest tests it. */
class RecipesDocumentationTest {

    @Test
    void everyRecipeFileIsInTheGuideAsItIs() throws Exception {
        String guide = Files.readString(Path.of("docs/recipes.md"));
        try (var files = Files.list(Path.of("docs/recipes"))) {
            for (Path recipe : files.toList()) {
                assertThat(guide).as(recipe.toString()).contains(Files.readString(recipe));
            }
        }
    }
}
