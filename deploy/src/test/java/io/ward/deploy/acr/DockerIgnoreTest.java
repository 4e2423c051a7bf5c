package io.ward.deploy.acr;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** .dockerignore rules as Docker applies them (moby/patternmatcher semantics). */
class DockerIgnoreTest {

    @ParameterizedTest(name = "{0} | {1} -> ignored={2}")
    @CsvSource(delimiter = '|', value = {
        "*.log                         | debug.log              | true",
        "*.log                         | logs/debug.log         | false",
        "**/*.log                      | logs/deep/debug.log    | true",
        "**/*.log                      | debug.log              | true",
        "*.log\\n!keep.log             | keep.log               | false",
        "*.log\\n!keep.log             | other.log              | true",
        "!keep.log\\n*.log             | keep.log               | true",
        "node_modules                  | node_modules/a/b.js    | true",
        "/build                        | build/out.bin          | true",
        "./build/                      | build/out.bin          | true",
        "build                         | src/build/out.bin      | false",
        "**/__pycache__                | src/pkg/__pycache__/x.pyc | true",
        "docs/**/*.md                  | docs/a/b/c.md          | true",
        "docs/**/*.md                  | docs/c.md              | true",
        "docs/**/*.md                  | docs/a/c.png           | false",
        "file?.txt                     | file1.txt              | true",
        "file?.txt                     | file10.txt             | false",
        "[a-c].txt                     | b.txt                  | true",
        "[!a-c].txt                    | b.txt                  | false",
        "# comment\\n\\n  *.tmp  \\n   | x.tmp                  | true",
        "*\\n!src\\n                   | src/main.py            | false",
        "*\\n!src\\n                   | README.md              | true",
        "secrets/\\n!secrets/public.pem | secrets/public.pem    | false",
        "secrets/\\n!secrets/public.pem | secrets/private.pem   | true",
    })
    void appliesRulesLikeDocker(String rules, String path, boolean ignored) {
        assertEquals(ignored, DockerIgnore.parse(rules.replace("\\n", "\n")).isIgnored(path));
    }
}
