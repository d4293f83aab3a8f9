package dev.hookwright.core.manifest;

/** A manifest stream hookwright cannot read: where (line and column, 1-based, 0 when unknown) and why. */
public final class ManifestException extends RuntimeException {
    private final int line;
    private final int column;

    public ManifestException(int line, int column, String reason) {
        super(reason, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** {@code line 3, column 7: <reason>}, or the reason alone when the place is unknown. */
    public String describe() {
        return line > 0 ? "line " + line + ", column " + column + ": " + getMessage() : getMessage();
    }
}
