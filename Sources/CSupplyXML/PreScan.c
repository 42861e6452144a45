// The pre-scan: a cheap pass over the decoded text before libxml2 gets it. See internal.h.
#include "internal.h"

// MARK: - Pre-scan

// Advances the scanner's state by one byte outside the fast paths of `scan` (the start of a
// construct, comments, CDATA, processing instructions, declarations); returns nonzero when the
// current start tag has too many attributes.
static int scan_unit(struct cs_scanner *s, unsigned char u, size_t offset) {
    int refuse = 0;
    switch (s->state) {
    case SCAN_TEXT:
        if (u == '<') { s->state = SCAN_LT; s->tag_in_piece = 1; s->tag_offset = offset; }
        break;
    case SCAN_LT:
        if (u == '!') { s->state = SCAN_BANG; break; }
        if (u == '?') { s->state = SCAN_PI; s->match = 0; break; }
        s->state = SCAN_TAG;
        s->equals = 0;
        if (u == '>') s->state = SCAN_TEXT;
        break;
    case SCAN_BANG:
        s->match = 0;
        s->state = u == '-' ? SCAN_BANG_DASH : u == '[' ? SCAN_CDATA : u == '>' ? SCAN_TEXT : SCAN_DECL;
        break;
    case SCAN_BANG_DASH:
        s->match = 0;
        s->state = u == '-' ? SCAN_COMMENT : u == '>' ? SCAN_TEXT : SCAN_DECL;
        break;
    case SCAN_COMMENT:
        if (u == '>' && s->match >= 2) s->state = SCAN_TEXT;
        s->match = u == '-' ? s->match + 1 : 0;
        break;
    case SCAN_CDATA:
        if (u == '>' && s->match >= 2) s->state = SCAN_TEXT;
        s->match = u == ']' ? s->match + 1 : 0;
        break;
    case SCAN_PI:
        if (u == '>' && s->match) s->state = SCAN_TEXT;
        s->match = u == '?';
        break;
    case SCAN_DECL:
        if (u == '>') s->state = SCAN_TEXT;
        break;
    case SCAN_TAG:
        if (u == '"') s->state = SCAN_TAG_DQ;
        else if (u == '\'') s->state = SCAN_TAG_SQ;
        else if (u == '>') s->state = SCAN_TEXT;
        else if (u == '=' && ++s->equals > CS_MAX_TAG_ATTRIBUTES) refuse = 1;
        break;
    case SCAN_TAG_DQ:
        if (u == '"') s->state = SCAN_TAG;
        break;
    case SCAN_TAG_SQ:
        if (u == '\'') s->state = SCAN_TAG;
        break;
    }
    return refuse;
}

// The position after `length` bytes of UTF-8 that start at (*line, *column): lines by LF (the
// decoder has made every line end one), columns in characters.
static void advance_position(const unsigned char *bytes, size_t length, int32_t *line, int32_t *column) {
    const unsigned char *p = bytes, *end = bytes + length, *after_last = NULL;
    int32_t lines = 0;
    while (p < end) {
        const unsigned char *newline = memchr(p, '\n', (size_t)(end - p));
        if (newline == NULL) break;
        lines++;
        p = newline + 1;
        after_last = p;
    }
    const unsigned char *from = bytes;
    if (after_last != NULL) { *line += lines; *column = 1; from = after_last; }
    int32_t characters = 0;
    for (const unsigned char *q = from; q < end; q++) characters += (*q & 0xC0) != 0x80;
    *column += characters;
}

// The line and column of the `<` of the current construct (`bytes`: the piece being scanned).
static void tag_position(const struct cs_scanner *s, const unsigned char *bytes, int32_t *line, int32_t *column) {
    if (!s->tag_in_piece) { *line = s->tag_line; *column = s->tag_column; return; }
    *line = s->line;
    *column = s->column;
    advance_position(bytes, s->tag_offset, line, column);
}

// Bytes that matter inside a start tag (outside quotes).
static const unsigned char tag_stops[256] = { ['"'] = 1, ['\''] = 1, ['>'] = 1, ['='] = 1 };

// Eight bytes at a time (SWAR): the high bit of each byte of the result that equals `c` (a byte
// repeated eight times); below the first such byte, no false positive.
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
static inline uint64_t bytes_equal(uint64_t word, uint64_t c) {
    uint64_t y = word ^ c;
    return (y - ONES) & ~y & HIGHS;
}

static inline uint64_t load64(const unsigned char *p) {
    uint64_t word;
    memcpy(&word, p, 8);
    return word; // little-endian: byte 0 is the lowest
}

// The first byte from `i` on that is `c` (or `length`).
static size_t skip_to(const unsigned char *bytes, size_t i, size_t length, unsigned char c) {
    uint64_t pattern = ONES * c;
    while (i + 8 <= length) {
        uint64_t hit = bytes_equal(load64(bytes + i), pattern);
        if (hit) return i + (size_t)(__builtin_ctzll(hit) >> 3);
        i += 8;
    }
    while (i < length && bytes[i] != c) i++;
    return i;
}

// The first byte from `i` on that matters inside a start tag (a quote, `>` or `=`), or `length`.
static size_t skip_tag_bytes(const unsigned char *bytes, size_t i, size_t length) {
    while (i + 8 <= length) {
        uint64_t word = load64(bytes + i);
        uint64_t hit = bytes_equal(word, ONES * '"') | bytes_equal(word, ONES * '\'') |
                       bytes_equal(word, ONES * '>') | bytes_equal(word, ONES * '=');
        if (hit) return i + (size_t)(__builtin_ctzll(hit) >> 3);
        i += 8;
    }
    while (i < length && !tag_stops[bytes[i]]) i++;
    return i;
}

// Scans `length` bytes of UTF-8; returns how many may go to libxml2 (less than `length` when a
// start tag has too many attributes: the bytes before the `=` that showed it, and then the
// tag's `<` is at (tag_line, tag_column)). Text runs to the next `<` by memchr, a tag to its
// next quote, `>` or `=` by a table; positions are counted once per piece, not per byte.
size_t cs_scan(struct cs_scanner *s, const unsigned char *bytes, size_t length) {
    size_t i = 0;
    while (i < length) {
        switch (s->state) {
        case SCAN_TEXT: {
            const unsigned char *lt = memchr(bytes + i, '<', length - i);
            if (lt == NULL) { i = length; continue; }
            i = (size_t)(lt - bytes);
            break;
        }
        case SCAN_TAG:
            i = skip_tag_bytes(bytes, i, length);
            if (i == length) continue;
            break;
        case SCAN_TAG_DQ:
            i = skip_to(bytes, i, length, '"');
            if (i == length) continue;
            break;
        case SCAN_TAG_SQ:
            i = skip_to(bytes, i, length, '\'');
            if (i == length) continue;
            break;
        default:
            break;
        }
        if (scan_unit(s, bytes[i], i)) {
            int32_t line, column;
            tag_position(s, bytes, &line, &column);
            s->tag_line = line;
            s->tag_column = column;
            s->tag_in_piece = 0;
            advance_position(bytes, i, &s->line, &s->column);
            return i;
        }
        i++;
    }
    // The next piece starts where this one ends; a construct still open keeps its position.
    if (s->tag_in_piece && s->state != SCAN_TEXT) {
        tag_position(s, bytes, &s->tag_line, &s->tag_column);
    }
    s->tag_in_piece = 0;
    advance_position(bytes, length, &s->line, &s->column);
    return length;
}

