package io.ward.policy.service;

import java.util.regex.Pattern;

/** A scope entry such as {@code shop-*} or {@code web?}: '*' matches any run of characters, '?' exactly one. */
public final class AppIdGlob {

    private final Pattern pattern;

    public AppIdGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    public boolean matches(String appId) {
        return pattern.matcher(appId).matches();
    }
}
