package dev.ssocred.cli;

import java.util.List;

/** A unified diff of two texts with one hunk around the first to the last changed line: enough to review a fix. */
final class Diff {
    private Diff() {
    }

    static String unified(String name, String before, String after) {
        List<String> a = List.of(before.split("\r\n|\n|\r", -1));
        List<String> b = List.of(after.split("\r\n|\n|\r", -1));
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        if (start == a.size() && start == b.size()) {
            return "";
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        StringBuilder sb = new StringBuilder("--- " + name + "\n+++ " + name + "\n");
        sb.append("@@ -").append(start + 1).append(',').append(endA - start).append(" +").append(start + 1).append(',')
                .append(endB - start).append(" @@\n");
        a.subList(start, endA).forEach(l -> sb.append('-').append(l).append('\n'));
        b.subList(start, endB).forEach(l -> sb.append('+').append(l).append('\n'));
        return sb.toString();
    }
}
