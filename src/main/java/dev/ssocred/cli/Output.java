package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.util.List;

/** {@code --output text|json} and aligned text tables, for the listing commands. */
final class Output {
    private Output() {
    }

    /** True for json, false for text. */
    static boolean parse(String output) {
        return switch (output) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new SsocredException(ExitCode.USAGE, "--output must be text or json, not '" + output + "'",
                    "use --output text or --output json");
        };
    }

    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = r[i] == null ? "" : r[i];
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
