package org.orderplatform.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits PostgreSQL text into statements at the semicolons that end them: not those in comments,
 * quoted strings, quoted identifiers or dollar-quoted bodies (a plpgsql function is one statement).
 * Small on purpose; it only has to read migrations well enough for {@link OnlineDdlRules}.
 */
final class SqlStatements {

    /**
     * One statement, comments removed and white space collapsed. {@code code} is the same with the
     * contents of string literals and dollar-quoted bodies blanked, so that rules match what the
     * statement does, never words inside a function body or a string.
     */
    record Statement(String text, String code) {}

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private SqlStatements() {}

    static List<Statement> split(String sql) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder code = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                i = endOfLineComment(sql, i);
                text.append(' ');
                code.append(' ');
            } else if (c == '/' && next == '*') {
                i = endOfBlockComment(sql, i);
                text.append(' ');
                code.append(' ');
            } else if (c == '\'') {
                int end = endOfQuoted(sql, i, '\'', isEscapeString(sql, i));
                text.append(sql, i, end);
                code.append("''");
                i = end;
            } else if (c == '"') {
                int end = endOfQuoted(sql, i, '"', false);
                text.append(sql, i, end);
                code.append(sql, i, end);
                i = end;
            } else if (c == '$' && startsDollarQuote(sql, i)) {
                Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
                tag.lookingAt();
                int close = sql.indexOf(tag.group(), tag.end());
                int end = close < 0 ? sql.length() : close + tag.group().length();
                text.append(sql, i, end);
                code.append("$$ $$");
                i = end;
            } else if (c == ';') {
                add(statements, text, code);
                i++;
            } else {
                text.append(c);
                code.append(c);
                i++;
            }
        }
        add(statements, text, code);
        return statements;
    }

    private static void add(List<Statement> statements, StringBuilder text, StringBuilder code) {
        String collapsed = collapse(text);
        if (!collapsed.isEmpty()) {
            statements.add(new Statement(collapsed, collapse(code)));
        }
        text.setLength(0);
        code.setLength(0);
    }

    private static String collapse(CharSequence s) {
        return s.toString().replaceAll("\\s+", " ").trim();
    }

    private static int endOfLineComment(String sql, int start) {
        int newline = sql.indexOf('\n', start);
        return newline < 0 ? sql.length() : newline + 1;
    }

    /** Block comments nest in PostgreSQL. */
    private static int endOfBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** E'...' strings take backslash escapes; standard strings only double their quotes. */
    private static boolean isEscapeString(String sql, int quote) {
        return quote > 0
                && Character.toUpperCase(sql.charAt(quote - 1)) == 'E'
                && (quote == 1 || !isIdentifierPart(sql.charAt(quote - 2)));
    }

    /**
     * Past the closing {@code quote} of a string or quoted identifier opened at {@code start}: a
     * doubled quote stands for itself, and so, with {@code backslashEscapes}, does any escaped
     * character.
     */
    private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** A $ inside an identifier (a$b) or a parameter ($1) does not open a dollar quote. */
    private static boolean startsDollarQuote(String sql, int i) {
        return (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))
                && DOLLAR_TAG.matcher(sql).region(i, sql.length()).lookingAt();
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
