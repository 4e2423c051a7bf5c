package io.ward.attack.classify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The script hidden in a literal that a pipeline decodes before running it: {@code echo <base64> | base64 -d},
 * {@code echo <hex> | xxd -r -p} and {@code echo <reversed text> | rev}. Only cheap, exact decodings of a literal
 * argument; the result counts only when it is printable text, since it is then read as a shell script.
 */
final class DecodedPayload {

    private static final int MAX_LENGTH = 8192;
    private static final Set<String> PRINTERS = Set.of("echo", "printf");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{8,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){2,}");
    private static final Pattern DECODE_OPTION = Pattern.compile("-d|-D|--decode|-[A-Za-z]*d[A-Za-z]*");
    private static final Pattern REVERT_OPTION = Pattern.compile("-r|-revert|-[A-Za-z]*r[A-Za-z]*");

    private DecodedPayload() {
    }

    /** The decoded script of a printer piped into a decoder, else null. */
    static String of(RawCommand printer) {
        if (printer.pipedInto == null || printer.words.size() < 2
                || !PRINTERS.contains(CommandExtractor.basename(printer.words.get(0).text()))) {
            return null;
        }
        String literal = printer.words.get(printer.words.size() - 1).text().strip();
        List<Word> decoder = printer.pipedInto.words;
        if (literal.length() > MAX_LENGTH || decoder.isEmpty()) {
            return null;
        }
        String program = CommandExtractor.basename(decoder.get(0).text());
        if (program.equals("rev")) {
            return new StringBuilder(literal).reverse().toString();
        }
        List<String> options = decoder.stream().skip(1).map(Word::text).toList();
        byte[] bytes = null;
        if (program.equals("base64") && options.stream().anyMatch(o -> DECODE_OPTION.matcher(o).matches())
                && BASE64.matcher(literal).matches()) {
            bytes = base64(literal);
        } else if (program.equals("xxd") && options.stream().anyMatch(o -> REVERT_OPTION.matcher(o).matches())
                && HEX.matcher(literal).matches()) {
            bytes = HexFormat.of().parseHex(literal);
        }
        return bytes == null ? null : printable(bytes);
    }

    private static byte[] base64(String literal) {
        try {
            return Base64.getDecoder().decode(literal);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String printable(byte[] bytes) {
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\t' && b != '\r') {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
