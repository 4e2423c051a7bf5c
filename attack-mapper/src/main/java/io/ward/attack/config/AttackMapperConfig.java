package io.ward.attack.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** attack-mapper settings ({@code ward.attack.*}). */
@ConfigMapping(prefix = "ward.attack")
public interface AttackMapperConfig {

    /** A rules file that replaces the built-in {@code attack-rules.json}; validated the same way at start. */
    Optional<Path> rulesFile();

    /** Serves the benchmark's baseline endpoint, which parses and validates audits but classifies nothing. */
    @WithDefault("false")
    boolean benchEcho();
}
