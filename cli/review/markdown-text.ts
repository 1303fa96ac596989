/*
 * Safe Markdown fragments. Names, paths and messages come from previews,
 * which come from pull requests: a name must not be able to open an HTML
 * element, break a table, or ping someone in the PR comment it lands in.
 */

/** Text in a code span (`name`), with anything that would end the span or the line made harmless. */
export function code(text: string): string {
    return "`" + text.replace(/`/g, "'").replace(/[\r\n]+/g, " ") + "`";
}

/** Plain text with Markdown and HTML specials escaped, and @mentions defused. */
export function escapeText(text: string): string {
    return text
        .replace(/[\r\n]+/g, " ")
        .replace(/([\\`*_[\]<>|#~])/g, "\\$1")
        .replace(/@(?=\w)/g, "@\u200b");
}

/** A list of items in prose: "a", "a and b", "a, b and c"; with `max`, "a, b and 3 more". */
export function listText(items: string[], max = items.length): string {
    const shown = items.slice(0, max);
    const hidden = items.length - shown.length;
    if (hidden > 0) {
        return `${shown.join(", ")} and ${hidden} more`;
    }
    if (shown.length <= 1) {
        return shown.join("");
    }
    return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
