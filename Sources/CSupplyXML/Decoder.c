// The input stage: encodings and line ends. See Decoder.h.
#include "Decoder.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// How far into a document its XML declaration is looked for, in characters.
#define CS_DECLARATION_LIMIT 4096

static const char *const supported_advice =
    "use UTF-8, UTF-16 or an ASCII-compatible encoding such as ISO-8859-1";

// MARK: - Names of encodings

static int has_prefix(const char *name, const char *prefix) {
    return strncasecmp(name, prefix, strlen(prefix)) == 0;
}

static int is_named(const char *name, const char *const *names, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (strcasecmp(name, names[i]) == 0) return 1;
    return 0;
}

static int is_prefixed(const char *name, const char *const *prefixes, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (has_prefix(name, prefixes[i])) return 1;
    return 0;
}

#define COUNT(a) (sizeof a / sizeof *a)

static const char *const utf8_names[] = { "UTF-8", "UTF8" };
static const char *const utf16_prefixes[] = { "UTF-16", "UTF16" };
static const char *const ascii_names[] = { "US-ASCII", "ASCII" };
static const char *const latin1_names[] = { "ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1", "LATIN-1", "ISO-LATIN-1" };
// ASCII-compatible encodings read through iconv: a byte below 0x80 is always that ASCII
// character, so no markup can hide in other bytes (as it can in EBCDIC, UTF-7 or ISO-2022).
static const char *const single_byte_prefixes[] = {
    "ISO-8859-", "ISO8859-", "ISO_8859-", "ISO-LATIN-", "LATIN", "WINDOWS-125", "CP125", "KOI8-",
};
static const char *const multibyte_prefixes[] = {
    "SHIFT_JIS", "SHIFT-JIS", "SJIS", "EUC-JP", "EUC-KR", "EUC-CN", "GB2312", "GBK", "GB18030", "BIG5",
};

// MARK: - The XML declaration

// The ASCII character at `index` (in characters) of the first bytes read as `kind` gives them;
// -1 past the end, 0x100 for a character outside ASCII.
static int char_at(int kind, const unsigned char *b, size_t length, size_t index) {
    uint32_t u;
    if (kind == CS_DEC_UTF16LE || kind == CS_DEC_UTF16BE) {
        if (2 * index + 1 >= length) return -1;
        u = kind == CS_DEC_UTF16LE ? (uint32_t)b[2 * index] | ((uint32_t)b[2 * index + 1] << 8)
                                   : ((uint32_t)b[2 * index] << 8) | b[2 * index + 1];
    } else {
        if (index >= length) return -1;
        u = b[index];
    }
    return u < 0x80 ? (int)u : 0x100;
}

static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The encoding the XML declaration names, copied into `name`; 0 when there is none. `line`
// and `column` get the position of the name's first character.
static int declared_encoding(int kind, const unsigned char *b, size_t length, char *name,
                             size_t capacity, int32_t *line, int32_t *column) {
    static const char opening[] = "<?xml";
    for (size_t i = 0; i < 5; i++)
        if (char_at(kind, b, length, i) != opening[i]) return 0;
    if (!is_space(char_at(kind, b, length, 5))) return 0;
    size_t end = 0;
    for (size_t i = 5; i < CS_DECLARATION_LIMIT; i++) {
        int c = char_at(kind, b, length, i);
        if (c < 0) return 0;
        if (c == '?' && char_at(kind, b, length, i + 1) == '>') { end = i; break; }
    }
    if (end == 0) return 0;
    static const char keyword[] = "encoding";
    for (size_t i = 6; i + 8 <= end; i++) {
        size_t k = 0;
        while (k < 8 && char_at(kind, b, length, i + k) == keyword[k]) k++;
        if (k < 8 || !is_space(char_at(kind, b, length, i - 1))) continue;
        size_t j = i + 8;
        while (j < end && is_space(char_at(kind, b, length, j))) j++;
        if (char_at(kind, b, length, j) != '=') return 0;
        j++;
        while (j < end && is_space(char_at(kind, b, length, j))) j++;
        int quote = char_at(kind, b, length, j);
        if (quote != '"' && quote != '\'') return 0;
        size_t start = ++j, n = 0;
        for (; j < end; j++) {
            int c = char_at(kind, b, length, j);
            if (c == quote) break;
            if (n + 1 < capacity) name[n++] = c < 0x21 || c > 0x7E ? '?' : (char)c;
        }
        name[n] = 0;
        int32_t l = 1, col = 1;
        for (size_t q = 0; q < start; q++) {
            int c = char_at(kind, b, length, q);
            if (c == '\n' || (c == '\r' && char_at(kind, b, length, q + 1) != '\n')) { l++; col = 1; }
            else if (c != '\r') col++;
        }
        *line = l;
        *column = col;
        return 1;
    }
    return 0;
}

// MARK: - Opening

static int fail(struct cs_decode_error *error, int32_t line, int32_t column, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(struct cs_decode_error *error, int32_t line, int32_t column, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error->message, sizeof error->message, format, arguments);
    va_end(arguments);
    error->line = line;
    error->column = column;
    return -1;
}

int cs_decoder_open(struct cs_decoder *d, const unsigned char *b, size_t length,
                    struct cs_decode_error *error) {
    memset(d, 0, sizeof *d);
    d->high_surrogate = -1;
    d->kind = CS_DEC_UTF8;
    int skip = 0;
    const char *bom = NULL;   // what the first bytes say, for messages
    if (length >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) ||
                        (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)))
        return fail(error, 1, 1, "the file starts with a UTF-32 byte-order mark: UTF-32 is not supported, "
                    "save the file as UTF-8");
    if (length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        skip = 3; bom = "UTF-8";
    } else if (length >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        skip = 2; bom = "UTF-16"; d->kind = CS_DEC_UTF16LE;
    } else if (length >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        skip = 2; bom = "UTF-16"; d->kind = CS_DEC_UTF16BE;
    } else if (length >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<') ||
                               (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0) ||
                               (b[0] == 0 && b[1] == 0 && b[2] == '<' && b[3] == 0) ||
                               (b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] == 0))) {
        return fail(error, 1, 1, "the file is in UTF-32 (four bytes a character, without a byte-order mark), "
                    "which is not supported: save it as UTF-8");
    } else if (length >= 4 && b[0] == '<' && b[1] == 0 && b[2] == '?' && b[3] == 0) {
        d->kind = CS_DEC_UTF16LE;
    } else if (length >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] == '?') {
        d->kind = CS_DEC_UTF16BE;
    } else if (length >= 4 && b[0] == 0x4C && b[1] == 0x6F && b[2] == 0xA7 && b[3] == 0x94) {
        return fail(error, 1, 1, "the file is in EBCDIC, which is not supported: save it as UTF-8");
    }
    int utf16 = d->kind == CS_DEC_UTF16LE || d->kind == CS_DEC_UTF16BE;
    char name[41];
    int32_t line = 1, column = 1;
    int declared = declared_encoding(d->kind, b + skip, length - (size_t)skip, name, sizeof name, &line, &column);
    if (!declared) {
        snprintf(d->name, sizeof d->name, "%s", utf16 ? "UTF-16" : "UTF-8");
        return skip;
    }
    snprintf(d->name, sizeof d->name, "%s", name);
    int says_utf8 = is_named(name, utf8_names, COUNT(utf8_names));
    int says_utf16 = is_prefixed(name, utf16_prefixes, COUNT(utf16_prefixes));
    if (utf16) {
        if (says_utf16) return skip;
        if (bom != NULL)
            return fail(error, line, column, "the file starts with a UTF-16 byte-order mark but declares "
                        "encoding=\"%s\": save it in %s or declare encoding=\"UTF-16\"", name, name);
        return fail(error, line, column, "the file is written in UTF-16 but declares encoding=\"%s\": "
                    "save it in %s or declare encoding=\"UTF-16\"", name, name);
    }
    if (bom != NULL) { // UTF-8
        if (says_utf8) return skip;
        return fail(error, line, column, "the file starts with a UTF-8 byte-order mark but declares "
                    "encoding=\"%s\": declare encoding=\"UTF-8\"", name);
    }
    if (says_utf8) return skip;
    if (says_utf16)
        return fail(error, line, column, "the file declares encoding=\"%s\" but is written in single bytes, "
                    "not UTF-16: declare the encoding it is in, such as encoding=\"UTF-8\"", name);
    if (is_named(name, ascii_names, COUNT(ascii_names))) { d->kind = CS_DEC_ASCII; return skip; }
    if (is_named(name, latin1_names, COUNT(latin1_names))) { d->kind = CS_DEC_LATIN1; return skip; }
    int single = is_prefixed(name, single_byte_prefixes, COUNT(single_byte_prefixes));
    int multi = is_prefixed(name, multibyte_prefixes, COUNT(multibyte_prefixes));
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return fail(error, line, column, "the encoding %s is not known: %s", name, supported_advice);
    if (!single && !multi) {
        iconv_close(cd);
        return fail(error, line, column, "the encoding %s is not supported: %s", name, supported_advice);
    }
    d->kind = CS_DEC_ICONV;
    d->iconv = cd;
    d->multibyte = multi;
    return skip;
}

void cs_decoder_close(struct cs_decoder *d) {
    if (d->kind == CS_DEC_ICONV && d->iconv != NULL) iconv_close((iconv_t)d->iconv);
    d->iconv = NULL;
    free(d->stage); d->stage = NULL;
    free(d->out); d->out = NULL;
}

// MARK: - Decoding

static int reserve(unsigned char **buffer, size_t *capacity, size_t need) {
    if (*capacity >= need) return 0;
    unsigned char *grown = realloc(*buffer, need);
    if (grown == NULL) return -1;
    *buffer = grown;
    *capacity = need;
    return 0;
}

static size_t put_utf8(unsigned char *o, uint32_t c) {
    if (c < 0x80) { o[0] = (unsigned char)c; return 1; }
    if (c < 0x800) { o[0] = (unsigned char)(0xC0 | (c >> 6)); o[1] = (unsigned char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (c >> 12)); o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F)); return 3;
    }
    o[0] = (unsigned char)(0xF0 | (c >> 18)); o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (c & 0x3F)); return 4;
}

// XML's line ends, in place (the text only shrinks): CR LF and a lone CR become LF, also when
// the CR ends one chunk and the LF starts the next.
static size_t normalise_line_ends(struct cs_decoder *d, unsigned char *text, size_t length) {
    size_t o = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = text[i];
        if (c == '\r') { text[o++] = '\n'; d->pending_cr = 1; continue; }
        if (c == '\n' && d->pending_cr) { d->pending_cr = 0; continue; }
        d->pending_cr = 0;
        text[o++] = c;
    }
    return o;
}

// The length of a well-formed UTF-8 sequence of 2 to 4 bytes at `b`, else 0.
static size_t utf8_sequence(const unsigned char *b, size_t length) {
    size_t n = b[0] >= 0xF0 && b[0] <= 0xF4 ? 4 : b[0] >= 0xE0 ? 3 : b[0] >= 0xC2 && b[0] <= 0xDF ? 2 : 0;
    if (n == 0 || n > length) return 0;
    for (size_t k = 1; k < n; k++) if ((b[k] & 0xC0) != 0x80) return 0;
    return n;
}

static void bytes_text(char *text, size_t capacity, const unsigned char *b, size_t n) {
    size_t used = 0;
    text[0] = 0;
    for (size_t k = 0; k < n && used + 6 < capacity; k++)
        used += (size_t)snprintf(text + used, capacity - used, k ? " 0x%02X" : "0x%02X", b[k]);
}

static int truncated_character(struct cs_decode_error *error, struct cs_decoder *d,
                               const unsigned char *b, size_t n) {
    char text[64];
    bytes_text(text, sizeof text, b, n);
    snprintf(error->message, sizeof error->message,
             "the file ends inside a %s character (%s %s): is the file truncated?",
             d->name, n == 1 ? "byte" : "bytes", text);
    error->line = 0;
    return -1;
}

static int decode_utf16(struct cs_decoder *d, const unsigned char *b, size_t length, int final,
                        size_t *produced, struct cs_decode_error *error) {
    int le = d->kind == CS_DEC_UTF16LE;
    unsigned char *o = d->out;
    size_t i = 0, n = 0;
    for (; i + 1 < length; i += 2) {
        uint32_t u = le ? (uint32_t)b[i] | ((uint32_t)b[i + 1] << 8) : ((uint32_t)b[i] << 8) | b[i + 1];
        int lone = -1;
        if (d->high_surrogate >= 0) {
            if (u >= 0xDC00 && u <= 0xDFFF) {
                n += put_utf8(o + n, 0x10000 + (((uint32_t)d->high_surrogate - 0xD800) << 10) + (u - 0xDC00));
                d->high_surrogate = -1;
                continue;
            }
            lone = d->high_surrogate;
        } else if (u >= 0xD800 && u <= 0xDBFF) {
            d->high_surrogate = (int32_t)u;
            continue;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            lone = (int32_t)u;
        }
        if (lone >= 0) {
            *produced = n;
            unsigned char pair[2] = { le ? (unsigned char)(lone & 0xFF) : (unsigned char)(lone >> 8),
                                      le ? (unsigned char)(lone >> 8) : (unsigned char)(lone & 0xFF) };
            char text[32];
            bytes_text(text, sizeof text, pair, 2);
            snprintf(error->message, sizeof error->message,
                     "bytes %s are a lone UTF-16 surrogate (U+%04X without its other half): not valid UTF-16",
                     text, (unsigned)lone);
            error->line = 0;
            return -1;
        }
        n += put_utf8(o + n, u);
    }
    *produced = n;
    if (i < length) { d->carry[0] = b[i]; d->carry_length = 1; }
    if (final && d->high_surrogate >= 0) {
        unsigned char pair[2] = { le ? (unsigned char)(d->high_surrogate & 0xFF) : (unsigned char)(d->high_surrogate >> 8),
                                  le ? (unsigned char)(d->high_surrogate >> 8) : (unsigned char)(d->high_surrogate & 0xFF) };
        return truncated_character(error, d, pair, 2);
    }
    if (final && d->carry_length) return truncated_character(error, d, d->carry, d->carry_length);
    return 0;
}

static int decode_bytes(struct cs_decoder *d, const unsigned char *b, size_t length,
                        size_t *produced, struct cs_decode_error *error) {
    unsigned char *o = d->out;
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = b[i];
        if (c < 0x80) { o[n++] = c; continue; }
        if (d->kind == CS_DEC_LATIN1) { n += put_utf8(o + n, c); continue; }
        *produced = n;
        error->line = 0;
        if (utf8_sequence(b + i, length - i))
            snprintf(error->message, sizeof error->message, "byte 0x%02X is not valid %s: the text looks like "
                     "UTF-8, so declare encoding=\"UTF-8\" (or leave the declaration out)", c, d->name);
        else
            snprintf(error->message, sizeof error->message, "byte 0x%02X is not valid %s: declare the encoding "
                     "the file is in, such as encoding=\"ISO-8859-1\"", c, d->name);
        return -1;
    }
    *produced = n;
    return 0;
}

static int decode_iconv(struct cs_decoder *d, const unsigned char *b, size_t length, int final,
                        size_t *produced, struct cs_decode_error *error) {
    char *in = (char *)b, *o = (char *)d->out;
    size_t left = length, room = d->out_capacity;
    while (left > 0) {
        if (iconv((iconv_t)d->iconv, &in, &left, &o, &room) != (size_t)-1) break;
        if (errno == EINVAL && left <= sizeof d->carry) { // a character cut by the end of the chunk
            memcpy(d->carry, in, left);
            d->carry_length = left;
            break;
        }
        *produced = (size_t)(o - (char *)d->out);
        error->line = 0;
        const unsigned char *bad = (const unsigned char *)in;
        if (d->multibyte && left >= 2) {
            char text[32];
            bytes_text(text, sizeof text, bad, 2);
            snprintf(error->message, sizeof error->message, "bytes %s are not a valid %s character", text, d->name);
        } else {
            snprintf(error->message, sizeof error->message, "byte 0x%02X is not valid %s", bad[0], d->name);
        }
        return -1;
    }
    *produced = (size_t)(o - (char *)d->out);
    if (final && d->carry_length) return truncated_character(error, d, d->carry, d->carry_length);
    return 0;
}

int cs_decoder_decode(struct cs_decoder *d, const unsigned char *bytes, size_t length, int final,
                      const unsigned char **out, size_t *out_length, struct cs_decode_error *error) {
    *out = bytes;
    *out_length = 0;
    if (d->carry_length) { // the start of a character from the last chunk
        if (reserve(&d->stage, &d->stage_capacity, d->carry_length + length) != 0) goto no_memory;
        memcpy(d->stage, d->carry, d->carry_length);
        if (length) memcpy(d->stage + d->carry_length, bytes, length);
        length += d->carry_length;
        bytes = d->stage;
        d->carry_length = 0;
    }
    if (d->kind == CS_DEC_UTF8) {
        // The usual case: UTF-8 goes through as it is unless it holds a CR.
        if (length == 0 || memchr(bytes, '\r', length) == NULL) {
            if (d->pending_cr && length > 0 && bytes[0] == '\n') { bytes++; length--; }
            if (length > 0) d->pending_cr = 0;
            *out = bytes;
            *out_length = length;
            return 0;
        }
        if (reserve(&d->out, &d->out_capacity, length) != 0) goto no_memory;
        memcpy(d->out, bytes, length);
        *out = d->out;
        *out_length = normalise_line_ends(d, d->out, length);
        return 0;
    }
    // Each byte becomes at most 4 bytes of UTF-8 (Shift_JIS half-width katakana: 1 -> 3).
    if (reserve(&d->out, &d->out_capacity, 4 * length + 16) != 0) goto no_memory;
    size_t produced = 0;
    int status;
    switch (d->kind) {
    case CS_DEC_UTF16LE: case CS_DEC_UTF16BE: status = decode_utf16(d, bytes, length, final, &produced, error); break;
    case CS_DEC_ICONV: status = decode_iconv(d, bytes, length, final, &produced, error); break;
    default: status = decode_bytes(d, bytes, length, &produced, error); break;
    }
    *out = d->out;
    *out_length = normalise_line_ends(d, d->out, produced);
    return status;

no_memory:
    snprintf(error->message, sizeof error->message, "out of memory while reading the file");
    error->line = 0;
    return -1;
}
