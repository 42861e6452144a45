// The libxml2 side of the importer. See CSupplyXML.h for the contract.
#define _GNU_SOURCE // memrchr
#include "CSupplyXML.h"
#include "Decoder.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CS_NAMESPACE "urn:chokepoint:supply-chain:1"
#define CS_CHUNK (256 * 1024)
#define CS_MAX_ATTRIBUTES 64
// Deeper nesting is refused: valid data is 4 levels deep, and each level costs the parser and
// the schema validator memory (libxml2 2.9's push parser has no depth limit of its own).
#define CS_MAX_DEPTH 256
// Attributes plus namespace declarations one start tag may hold before libxml2 sees it: its
// duplicate-attribute check is quadratic, so 10^6 attributes would hang the parser.
#define CS_MAX_TAG_ATTRIBUTES 256

// A cheap pass over the UTF-8 text before libxml2 gets it (the decoder has made it UTF-8 with
// LF line ends), counting the attributes of each start tag (the `=` outside quotes) so that a
// tag with too many is refused before libxml2 parses it, and keeping the line and column of the
// next character, where a refusal of the decoder is reported. It knows comments, CDATA sections
// and processing instructions.
enum scan_state {
    SCAN_TEXT, SCAN_LT, SCAN_BANG, SCAN_BANG_DASH, SCAN_COMMENT, SCAN_PI, SCAN_CDATA,
    SCAN_DECL, SCAN_TAG, SCAN_TAG_DQ, SCAN_TAG_SQ
};

struct cs_scanner {
    int state;                // an `enum scan_state`
    int match;                // dashes, brackets or `?` just seen, for the end of a construct
    int32_t equals;           // attributes of the current tag so far
    int32_t line, column;     // position of the next character after the text scanned so far
    // The `<` of the current construct: its offset in the text being scanned, or its position
    // when it was in an earlier piece of text (positions are counted only when needed: at the
    // end of each piece, and for a refusal).
    int tag_in_piece;
    size_t tag_offset;
    int32_t tag_line, tag_column;
};

struct cs_schema {
    xmlSchemaPtr schema;
};

struct cs_parser {
    xmlParserCtxtPtr ctxt;
    xmlSchemaValidCtxtPtr validation;
    xmlSchemaSAXPlugPtr plug;
    // What the schema plug was given to rewrite, and rewrites back when it is unplugged: it
    // keeps their addresses, so they live as long as the parser (locals of `begin` were written
    // through a dead frame at the end, and into a finished thread's stack when parsing ran on
    // a thread of its own: the fuzzer found it).
    xmlSAXHandlerPtr plug_handler;
    void *plug_user_data;
    const cs_callbacks *callbacks;
    int stopped;
    int refused_doctype;
    int refused;              // the shim refused the document: later parser errors are noise
    int reported_fatal;       // a fatal well-formedness error was reported: later ones cascade
    int terminating;          // inside the last xmlParseChunk call
    int saw_element;
    uint64_t tags;            // start and end tags seen
    uint64_t last_schema_tags;  // `tags` at the last schema error, and its message
    char last_schema_message[256];
    uint64_t fed;             // bytes handed to libxml2
    struct cs_decoder decoder;
    struct cs_scanner scanner;
    // The handler after the schema plug (or ours): the gate in front of it checks limits.
    startElementNsSAX2Func next_start;
    endElementNsSAX2Func next_end;
    int depth;
    const xmlChar *open_names[CS_MAX_DEPTH + 1];
    int32_t open_lines[CS_MAX_DEPTH + 1];
    // Element and attribute names interned in the parser's dictionary: compared by pointer.
    const xmlChar *element_names[CS_EL_COUNT];
    const xmlChar *attribute_names[CS_AT_COUNT];
    const xmlChar *namespace_name;
    cs_attribute_value attributes[CS_MAX_ATTRIBUTES];
    // A generic parse: the caller's names, interned (NULL for the supply-chain codes).
    const cs_vocabulary *vocabulary;
    const xmlChar **vocabulary_elements;
    const xmlChar **vocabulary_attributes;
};

static _Thread_local struct cs_parser *current_parser = NULL;

static const char *const element_spellings[CS_EL_COUNT] = {
    NULL, "supplyChain", "countryGroup", "system", "component", "material", "uses",
    "supplier", "supplies", "supply", "sourcedFrom",
    "entity", "owner",
};

static const char *const attribute_spellings[CS_AT_COUNT] = {
    NULL, NULL, "id", "name", "unit", "demand", "stock", "item", "quantity", "country",
    "controlledBy", "recoveryDays", "share", "capacity", "leadTimeDays", "supplier",
    "suppliers", "members", "asOf", "weight", "price", "currency", "cage",
    "lei", "registration", "person", "of", "by", "control",
};

// MARK: - Safety

static xmlParserInputPtr refuse_external_entity(const char *url, const char *id,
                                                xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static void set_safe_loader(void) { xmlSetExternalEntityLoader(refuse_external_entity); }

// Once per process, whichever threads parse or compile a schema at the same time (a plain flag
// here was a data race that ThreadSanitizer found).
static void install_safe_loader(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, set_safe_loader);
}

// MARK: - Locations

// The position of the `<` that opens the tag the parser has just read: libxml2 reports the
// position after the tag, and XML forbids `<` inside attribute values, so the nearest `<`
// before the cursor opens it. Only the tag itself is scanned.
static void tag_start(xmlParserCtxtPtr ctxt, int32_t *line, int32_t *column) {
    xmlParserInputPtr input = ctxt ? ctxt->input : NULL;
    if (input == NULL || input->cur == NULL || input->base == NULL) {
        *line = ctxt ? xmlSAX2GetLineNumber(ctxt) : 0;
        *column = 0;
        return;
    }
    const xmlChar *cur = input->cur;
    const xmlChar *open = cur > input->base ? memrchr(input->base, '<', (size_t)(cur - input->base)) : NULL;
    if (open == NULL) { // not found: fall back to libxml2's own position
        *line = input->line;
        *column = input->col;
        return;
    }
    int newlines = 0;
    for (const xmlChar *q = open + 1; q < cur; q++) {
        q = memchr(q, '\n', (size_t)(cur - q));
        if (q == NULL) break;
        newlines++;
    }
    *line = input->line - newlines;
    if (newlines == 0) {
        int characters = 0;
        for (const xmlChar *q = open; q < cur; q++) characters += (*q & 0xC0) != 0x80;
        *column = input->col - characters;
        if (*column < 1) *column = 1;
    } else {
        const xmlChar *q = open > input->base ? memrchr(input->base, '\n', (size_t)(open - input->base)) : NULL;
        if (q == NULL && input->line - newlines > 1) { *column = 0; return; }
        q = q ? q + 1 : input->base;
        int col = 1;
        for (; q < open; q++) col += (*q & 0xC0) != 0x80;
        *column = col;
    }
}

// MARK: - Diagnostics

static void report(struct cs_parser *parser, int32_t level, int32_t origin, int32_t line,
                   int32_t column, int32_t code, const char *message) {
    if (parser == NULL || parser->callbacks->diagnostic == NULL) return;
    cs_diagnostic d = { level, origin, line, column, code, message };
    parser->callbacks->diagnostic(parser->callbacks->context, &d);
}

static int32_t level_of(xmlErrorLevel level) {
    switch (level) {
    case XML_ERR_WARNING: return CS_WARNING;
    case XML_ERR_ERROR: return CS_ERROR;
    default: return CS_FATAL;
    }
}

// The position just after the last byte libxml2 holds (the end of the file when terminating).
static void end_position(xmlParserCtxtPtr ctxt, int32_t *line, int32_t *column) {
    xmlParserInputPtr input = ctxt ? ctxt->input : NULL;
    if (input == NULL || input->cur == NULL || input->end == NULL) return;
    int32_t l = input->line, c = input->col;
    for (const xmlChar *q = input->cur; q < input->end; q++) {
        if (*q == '\n') { l++; c = 1; }
        else if ((*q & 0xC0) != 0x80) c++;
    }
    *line = l;
    *column = c;
}

// libxml2's words where they mislead (a truncated file is "Extra content at the end of the
// document"), on one line. Writes into `buffer` and may move the location.
static const char *tidy_parser_message(struct cs_parser *parser, xmlErrorPtr error, char *buffer,
                                       size_t capacity, int32_t *line, int32_t *column) {
    const char *message = error->message ? error->message : "malformed XML";
    xmlParserCtxtPtr ctxt = parser->ctxt;
    int at_end = ctxt && ctxt->input && ctxt->input->cur && ctxt->input->cur >= ctxt->input->end;
    if (parser->terminating && parser->depth > 0 && parser->depth <= CS_MAX_DEPTH &&
        (error->code == XML_ERR_DOCUMENT_END || at_end)) {
        end_position(ctxt, line, column);
        snprintf(buffer, capacity, "the document ends before <%s> (line %d) is closed: is the file truncated?",
                 (const char *)parser->open_names[parser->depth], (int)parser->open_lines[parser->depth]);
        return buffer;
    }
    if (!parser->saw_element && error->code == XML_ERR_DOCUMENT_END && parser->terminating) {
        *line = 0; *column = 0;
        return parser->fed == 0 ? "the file is empty" : "the document has no root element";
    }
    if (parser->saw_element && parser->depth == 0 && error->code == XML_ERR_DOCUMENT_END)
        return "content after the end of the root element (a document has exactly one root element)";
    if (!parser->saw_element && error->code == XML_ERR_DOCUMENT_EMPTY && parser->fed > 0)
        return "the document has no root element: found text where its '<' should be (is this an XML file?)";
    if (strncmp(message, "Input is not proper UTF-8", 25) == 0) {
        const char *bytes = strstr(message, "Bytes: ");
        int n = bytes ? (int)strcspn(bytes + 7, "\n") : 0;
        snprintf(buffer, capacity, "the text is not valid UTF-8 (bytes %.*s): save the file as UTF-8 or "
                 "declare its encoding, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                 n, bytes ? bytes + 7 : "");
        return buffer;
    }
    if (strstr(message, "Huge input lookup") != NULL)
        return "a single tag, comment or processing instruction is longer than 10 MB: refused";
    // One line: libxml2 sometimes adds a second line of detail.
    snprintf(buffer, capacity, "%s", message);
    size_t length = strlen(buffer);
    while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == ' ')) buffer[--length] = 0;
    for (char *c = buffer; *c; c++) if (*c == '\n') *c = ' ';
    return buffer;
}

static void parser_error(void *data, xmlErrorPtr error) {
    (void)data;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || error == NULL || error->level == XML_ERR_NONE) return;
    if (parser->stopped && error->code == XML_ERR_USER_STOP) return;
    if (parser->refused_doctype || parser->refused) return; // the refusal was reported already
    // After a fatal error libxml2 reads on without calling back: what it says then is about
    // the same place ("AttValue: ' expected", "attributes construct error", "Couldn't find
    // end of Start Tag ...") or follows from it. Keep the first.
    if (parser->reported_fatal) return;
    if (error->level == XML_ERR_FATAL) parser->reported_fatal = 1;
    char buffer[512];
    int32_t line = error->line, column = error->int2;
    const char *message = tidy_parser_message(parser, error, buffer, sizeof buffer, &line, &column);
    report(parser, level_of(error->level), CS_ORIGIN_PARSER, line, column, error->code, message);
}

static void schema_error(void *data, xmlErrorPtr error) {
    struct cs_parser *parser = data;
    if (parser == NULL || error == NULL || error->level == XML_ERR_NONE) return;
    if (parser->refused) return;
    // libxml2 hands text over in pieces, and the validator complains about each: the same
    // complaint between the same two tags is said once.
    const char *message = error->message ? error->message : "schema violation";
    if (parser->tags == parser->last_schema_tags && parser->last_schema_message[0] != 0 &&
        strncmp(message, parser->last_schema_message, sizeof parser->last_schema_message - 1) == 0) return;
    parser->last_schema_tags = parser->tags;
    snprintf(parser->last_schema_message, sizeof parser->last_schema_message, "%s", message);
    int32_t line = 0, column = 0;
    tag_start(parser->ctxt, &line, &column);
    report(parser, level_of(error->level), CS_ORIGIN_SCHEMA, line, column, error->code, message);
}

static int schema_locator(void *data, const char **file, unsigned long *line) {
    struct cs_parser *parser = data;
    if (file) *file = NULL;
    int32_t l = 0, c = 0;
    if (parser && parser->ctxt) tag_start(parser->ctxt, &l, &c);
    if (line) *line = (unsigned long)(l > 0 ? l : 0);
    return 0;
}

// MARK: - SAX callbacks

// Stops the parse without pulling the input from under the callers. xmlStopParser frees the
// input buffer at once (libxml2 2.9's xmlHaltParser), while the attribute values of the start
// tag being reported still point into it: the schema plug goes on validating them and the
// importer goes on reading them after a callback asked to stop. So only SAX is turned off
// here, and feed() stops handing libxml2 bytes; the rest of the current chunk is read without
// callbacks.
static void halt(struct cs_parser *parser) {
    parser->stopped = 1;
    if (parser->ctxt) parser->ctxt->disableSAX = 1;
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id) {
    (void)ctx; (void)name; (void)external_id; (void)system_id;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->refused_doctype) return;
    int32_t line = parser->ctxt ? xmlSAX2GetLineNumber(parser->ctxt) : 0;
    report(parser, CS_FATAL, CS_ORIGIN_SHIM, line, 1, 0,
           "a document type declaration (DOCTYPE) is not allowed: DTDs and entities are refused");
    parser->refused_doctype = 1;
    parser->refused = 1;
    halt(parser);
}

static void refuse(struct cs_parser *parser, int32_t line, int32_t column, const char *message) {
    if (!parser->reported_fatal && !parser->refused)
        report(parser, CS_FATAL, CS_ORIGIN_SHIM, line, column, 0, message);
    parser->refused = 1;
    halt(parser);
}

// In front of the schema plug (or on_start): limits are checked before anything else sees
// the element, and the open elements are kept for messages about a truncated file.
static void gate_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped) return;
    parser->saw_element = 1;
    parser->tags++;
    parser->depth++;
    if (parser->depth > CS_MAX_DEPTH || nb_attributes > CS_MAX_ATTRIBUTES) {
        int32_t line = 0, column = 0;
        tag_start(parser->ctxt, &line, &column);
        refuse(parser, line, column, parser->depth > CS_MAX_DEPTH
               ? "elements nested too deeply (more than 256 levels)"
               : "too many attributes on one element (more than 64)");
        return;
    }
    parser->open_names[parser->depth] = localname;
    parser->open_lines[parser->depth] = xmlSAX2GetLineNumber(parser->ctxt);
    if (parser->next_start)
        parser->next_start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                           nb_defaulted, attributes);
}

static void gate_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri) {
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped) return;
    parser->tags++;
    if (parser->depth > 0) parser->depth--;
    if (parser->next_end) parser->next_end(ctx, localname, prefix, uri);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
    (void)ctx; (void)name;
    return NULL; // no entity is ever defined: references become "Entity not defined" errors
}

// The code of an interned name in a generic parse's vocabulary: its index + 1, or 0.
static int32_t vocabulary_code(const xmlChar **names, int32_t count, const xmlChar *name) {
    for (int32_t i = 0; i < count; i++)
        if (names[i] == name) return i + 1;
    return 0;
}

static void on_characters(void *ctx, const xmlChar *text, int length) {
    (void)ctx;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped || parser->callbacks->characters == NULL) return;
    parser->callbacks->characters(parser->callbacks->context, (const char *)text, (int32_t)length);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    (void)ctx; (void)prefix; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped) return;
    xmlDictPtr dict = parser->ctxt->dict;
    if (parser->namespace_name == NULL) {
        parser->namespace_name = xmlDictLookup(dict, BAD_CAST CS_NAMESPACE, -1);
        for (int i = 1; i < CS_EL_COUNT; i++)
            parser->element_names[i] = xmlDictLookup(dict, BAD_CAST element_spellings[i], -1);
        for (int i = 2; i < CS_AT_COUNT; i++)
            parser->attribute_names[i] = xmlDictLookup(dict, BAD_CAST attribute_spellings[i], -1);
    }
    int32_t element = CS_EL_UNKNOWN;
    if (parser->vocabulary) {
        element = vocabulary_code(parser->vocabulary_elements, parser->vocabulary->element_count, localname);
    } else if (uri == parser->namespace_name || (uri && strcmp((const char *)uri, CS_NAMESPACE) == 0)) {
        for (int i = 1; i < CS_EL_COUNT; i++)
            if (localname == parser->element_names[i]) { element = i; break; }
    }
    int count = nb_attributes < CS_MAX_ATTRIBUTES ? nb_attributes : CS_MAX_ATTRIBUTES;
    for (int a = 0; a < count; a++) {
        const xmlChar *name = attributes[5 * a];
        const xmlChar *attribute_uri = attributes[5 * a + 2];
        int32_t code = CS_AT_UNKNOWN;
        if (parser->vocabulary) {
            code = attribute_uri != NULL ? CS_AT_FOREIGN : CS_AT_UNKNOWN;
            int32_t k = vocabulary_code(parser->vocabulary_attributes, parser->vocabulary->attribute_count, name);
            if (k > 0) code = k + 1;
        } else if (attribute_uri != NULL) {
            code = CS_AT_FOREIGN;
        } else {
            for (int i = 2; i < CS_AT_COUNT; i++)
                if (name == parser->attribute_names[i]) { code = i; break; }
        }
        parser->attributes[a].code = code;
        parser->attributes[a].value = (const char *)attributes[5 * a + 3];
        parser->attributes[a].length = (int32_t)(attributes[5 * a + 4] - attributes[5 * a + 3]);
        parser->attributes[a].localname = (const char *)name;
    }
    cs_start_element start;
    start.element = element;
    tag_start(parser->ctxt, &start.line, &start.column);
    start.attribute_count = count;
    start.localname = (const char *)localname;
    start.namespace_uri = (const char *)uri;
    start.attributes = parser->attributes;
    if (nb_attributes > CS_MAX_ATTRIBUTES) {
        refuse(parser, start.line, start.column, "too many attributes on one element (more than 64)");
        return;
    }
    if (parser->callbacks->start_element)
        parser->callbacks->start_element(parser->callbacks->context, &start);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri) {
    (void)ctx; (void)prefix;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped) return;
    int32_t element = CS_EL_UNKNOWN;
    if (parser->vocabulary) {
        element = vocabulary_code(parser->vocabulary_elements, parser->vocabulary->element_count, localname);
    } else if (parser->namespace_name && uri == parser->namespace_name) {
        for (int i = 1; i < CS_EL_COUNT; i++)
            if (localname == parser->element_names[i]) { element = i; break; }
    }
    if (parser->callbacks->end_element)
        parser->callbacks->end_element(parser->callbacks->context, element);
}

// MARK: - Schema

cs_schema *cs_schema_create(const char *xsd, size_t length, char *error, size_t capacity) {
    install_safe_loader();
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewMemParserCtxt(xsd, (int)length);
    if (pctxt == NULL) {
        if (error && capacity) snprintf(error, capacity, "cannot read the schema");
        return NULL;
    }
    xmlSchemaPtr schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    if (schema == NULL) {
        if (error && capacity) snprintf(error, capacity, "the schema does not compile");
        return NULL;
    }
    cs_schema *result = calloc(1, sizeof(cs_schema));
    if (result == NULL) { xmlSchemaFree(schema); return NULL; }
    result->schema = schema;
    return result;
}

void cs_schema_free(cs_schema *schema) {
    if (schema == NULL) return;
    xmlSchemaFree(schema->schema);
    free(schema);
}

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
static size_t scan(struct cs_scanner *s, const unsigned char *bytes, size_t length) {
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

// A safety net: libxml2 reads the decoder's UTF-8 and never switches to a converter of its own
// (XML_PARSE_IGNORE_ENC, and the encoding detection of the first bytes is skipped).
static int check_no_converter(struct cs_parser *parser) {
    xmlParserInputPtr input = parser->ctxt ? parser->ctxt->input : NULL;
    if (input == NULL || input->buf == NULL || input->buf->encoder == NULL) return 0;
    refuse(parser, 1, 1, "the parser switched to an encoding of its own: refused");
    return -1;
}

// MARK: - Parsing

static void init_handler(xmlSAXHandler *sax) {
    memset(sax, 0, sizeof(*sax));
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->internalSubset = on_internal_subset;
    sax->getEntity = on_get_entity;
    sax->serror = parser_error;
}

// Text is reported only to a caller that asked for it.
static void init_characters(xmlSAXHandler *sax, const cs_callbacks *callbacks) {
    if (callbacks->characters == NULL) return;
    sax->characters = on_characters;
    sax->cdataBlock = on_characters;
}

// Sets up the parser. It is given no bytes yet: libxml2 reads the decoder's UTF-8 only.
static int begin(struct cs_parser *parser, xmlSAXHandler *sax, const cs_schema *schema,
                 const cs_callbacks *callbacks, const char *filename) {
    install_safe_loader();
    memset(parser, 0, sizeof(*parser));
    parser->callbacks = callbacks;
    parser->scanner.line = 1;
    parser->scanner.column = 1;
    parser->scanner.state = SCAN_TEXT;
    init_handler(sax);
    init_characters(sax, callbacks);
    parser->plug_handler = sax;
    parser->plug_user_data = parser;
    if (schema != NULL) {
        parser->validation = xmlSchemaNewValidCtxt(schema->schema);
        if (parser->validation == NULL) return -1;
        xmlSchemaSetValidStructuredErrors(parser->validation, schema_error, parser);
        parser->plug = xmlSchemaSAXPlug(parser->validation, &parser->plug_handler, &parser->plug_user_data);
        if (parser->plug == NULL) return -1;
        xmlSchemaValidateSetLocator(parser->validation, schema_locator, parser);
    }
    parser->ctxt = xmlCreatePushParserCtxt(parser->plug_handler, parser->plug_user_data, NULL, 0, filename);
    if (parser->ctxt == NULL) return -1;
    // The text is UTF-8 already: no detection from the first bytes, no switch on the
    // declaration's encoding (the decoder has read and checked it).
    parser->ctxt->charset = XML_CHAR_ENCODING_UTF8;
    xmlCtxtUseOptions(parser->ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC);
    parser->ctxt->_private = parser;
    // The schema plug's handler has no structured error callback: give the context's copy ours,
    // so that well-formedness errors come to us and never to libxml2's default (stderr).
    if (parser->ctxt->sax != NULL) {
        parser->ctxt->sax->serror = parser_error;
        parser->ctxt->sax->internalSubset = on_internal_subset;
        parser->ctxt->sax->getEntity = on_get_entity;
        parser->next_start = parser->ctxt->sax->startElementNs;
        parser->next_end = parser->ctxt->sax->endElementNs;
        parser->ctxt->sax->startElementNs = gate_start;
        parser->ctxt->sax->endElementNs = gate_end;
    }
    return 0;
}

static void end(struct cs_parser *parser) {
    if (parser->ctxt) {
        if (parser->ctxt->myDoc) xmlFreeDoc(parser->ctxt->myDoc);
        xmlFreeParserCtxt(parser->ctxt);
    }
    if (parser->plug) xmlSchemaSAXUnplug(parser->plug);
    if (parser->validation) xmlSchemaFreeValidCtxt(parser->validation);
    cs_decoder_close(&parser->decoder);
    parser->ctxt = NULL;
}

static int32_t finish_status(struct cs_parser *parser, int result) {
    if (parser->refused_doctype || parser->refused) return CS_STATUS_FAILED;
    if (parser->stopped) return CS_STATUS_STOPPED;
    if (result != 0 || !parser->ctxt->wellFormed) return CS_STATUS_FAILED;
    return CS_STATUS_OK;
}

// Hands UTF-8 text to the pre-scan and libxml2.
static int feed(struct cs_parser *parser, const char *bytes, size_t length, int terminate) {
    if (parser->stopped) return -1;
    size_t allowed = scan(&parser->scanner, (const unsigned char *)bytes, length);
    if (allowed < length) {
        // libxml2 gets the bytes before the tag's last attribute and keeps the tag pending.
        if (allowed > 0) xmlParseChunk(parser->ctxt, bytes, (int)allowed, 0);
        parser->fed += allowed;
        refuse(parser, parser->scanner.tag_line, parser->scanner.tag_column,
               "too many attributes on one element (more than 256, counting namespace declarations)");
        return -1;
    }
    parser->fed += (uint64_t)length;
    parser->terminating = terminate;
    int result = xmlParseChunk(parser->ctxt, bytes, (int)length, terminate);
    if (!parser->stopped && check_no_converter(parser) != 0) return -1;
    if (parser->stopped) return -1;
    return result;
}

// Decodes a chunk of the file and hands it on; a byte the encoding does not allow is refused
// where it is, after libxml2 has had the text before it.
static int push(struct cs_parser *parser, const unsigned char *bytes, size_t length, int final) {
    if (parser->stopped) return -1;
    const unsigned char *text = NULL;
    size_t text_length = 0;
    struct cs_decode_error error;
    int status = cs_decoder_decode(&parser->decoder, bytes, length, final, &text, &text_length, &error);
    int result = feed(parser, (const char *)text, text_length, final && status == 0);
    if (status != 0 && !parser->stopped) {
        refuse(parser, error.line > 0 ? error.line : parser->scanner.line,
               error.line > 0 ? error.column : parser->scanner.column, error.message);
        return -1;
    }
    return result;
}

// Where the bytes come from: a file, or memory.
struct cs_source {
    int fd;                    // -1 for memory
    const unsigned char *bytes;
    size_t length, offset;
    unsigned char *buffer;     // CS_CHUNK bytes, for a file
};

// The next chunk (as full as the file allows); its length, 0 at the end, -1 with errno set.
static long source_next(struct cs_source *source, const unsigned char **chunk) {
    if (source->fd < 0) {
        size_t n = source->length - source->offset < CS_CHUNK ? source->length - source->offset : CS_CHUNK;
        *chunk = source->bytes + source->offset;
        source->offset += n;
        return (long)n;
    }
    size_t got = 0;
    while (got < CS_CHUNK) {
        ssize_t n = read(source->fd, source->buffer + got, CS_CHUNK - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (n == 0) break;
        got += (size_t)n;
    }
    *chunk = source->buffer;
    return (long)got;
}

// Parses the source with `parser` and `sax` (which must outlive the parse: the schema plug keeps
// a pointer to the handler), leaving them to `end`: the names libxml2 reported (its dictionary)
// live until then.
static int32_t parse_run(struct cs_parser *parser, xmlSAXHandler *sax, struct cs_source *source,
                         const cs_schema *schema, const cs_callbacks *callbacks, const char *filename,
                         int32_t *io_errno) {
    struct cs_parser *previous = current_parser;
    current_parser = parser;
    if (begin(parser, sax, schema, callbacks, filename) != 0) {
        current_parser = previous;
        if (io_errno) *io_errno = ENOMEM;
        return CS_STATUS_IO_ERROR;
    }
    int32_t status = CS_STATUS_OK;
    int result = 0;
    uint64_t total = 0;
    const unsigned char *chunk = NULL;
    long n = source_next(source, &chunk);
    if (n < 0) {
        status = CS_STATUS_IO_ERROR;
        if (io_errno) *io_errno = errno;
    } else {
        // The first chunk (the whole document, or its first 256 KiB) tells the encoding.
        struct cs_decode_error error;
        int skip = cs_decoder_open(&parser->decoder, chunk, (size_t)n, &error);
        if (skip < 0) {
            refuse(parser, error.line, error.column, error.message);
        } else {
            total = (uint64_t)n;
            chunk += skip;
            n -= skip;
            for (;;) {
                result = push(parser, chunk, (size_t)n, n == 0);
                if (callbacks->progress) callbacks->progress(callbacks->context, total);
                if (n == 0 || parser->stopped || (result != 0 && parser->ctxt->disableSAX)) break;
                n = source_next(source, &chunk);
                if (n < 0) {
                    status = CS_STATUS_IO_ERROR;
                    if (io_errno) *io_errno = errno;
                    break;
                }
                total += (uint64_t)n;
            }
        }
    }
    if (status == CS_STATUS_OK) status = finish_status(parser, result);
    current_parser = previous;
    return status;
}

// MARK: - The pipeline: libxml2 on a thread of its own

// A large input is parsed on a second thread while the caller's callbacks run on the calling
// thread: the parse records each callback (an element with its attribute values copied, an end,
// a diagnostic, progress) into blocks of a bounded queue, and the calling thread replays them in
// order. The callbacks see exactly what a parse on their own thread would give them, and
// `cs_stop_current_parse` from one of them stops the replay at once (no callback after it) and
// the parse soon after. The names the callbacks get (element and attribute local names, the
// namespace) point into libxml2's dictionary, which lives until the replay is over.

#define CS_BLOCK (256 * 1024)      // bytes of events a block holds (a larger event gets its own)
#define CS_BLOCKS_IN_FLIGHT 8      // the queue's bound: 2 MiB of events ahead of the callbacks

enum { EV_START = 1, EV_END, EV_DIAGNOSTIC, EV_PROGRESS, EV_CHARACTERS };

struct ev_header { uint32_t type, size; };
struct ev_start { struct ev_header h; int32_t element, line, column, attribute_count; const char *localname, *namespace_uri; };
struct ev_attribute { int32_t code, length; uint32_t offset, unused; const char *localname; };
struct ev_end { struct ev_header h; int32_t element, unused; };
struct ev_diagnostic { struct ev_header h; int32_t level, origin, line, column, code, unused; };
struct ev_progress { struct ev_header h; uint64_t bytes; };
struct ev_characters { struct ev_header h; int32_t length, unused; };

struct cs_block {
    struct cs_block *next;
    size_t used, capacity;
    unsigned char *data;
};

struct cs_pipeline {
    pthread_mutex_t lock;
    pthread_cond_t filled, emptied;
    struct cs_block *head, *tail;    // full blocks, oldest first
    struct cs_block *spare;          // blocks to reuse
    int in_flight;                   // blocks made and not yet replayed
    int done;                        // the parse has ended: no more blocks
    atomic_int stop_requested;       // a callback asked to stop
    // The parsing thread's side.
    struct cs_block *current;
    int failed;                      // out of memory for events: the parse stops
    cs_callbacks recording;
    struct cs_parser parser;
    xmlSAXHandler sax;
    struct cs_source *source;
    const cs_schema *schema;
    const char *filename;
    int32_t status, io_errno;
    // The calling thread's side.
    const cs_callbacks *target;
    int stopped;                     // the replay has stopped (a callback asked to)
    int stopped_at_refusal;          // ... while told of the shim's refusal of the document
};

static _Thread_local struct cs_pipeline *current_replay = NULL;

// From this many bytes of input a parse has a thread of its own (unless told otherwise).
#define CS_PIPELINE_THRESHOLD (1 << 20)

static struct cs_block *block_make(struct cs_pipeline *p, size_t need) {
    struct cs_block *block = NULL;
    if (need <= CS_BLOCK && p->spare) {
        block = p->spare;
        p->spare = block->next;
    } else {
        block = calloc(1, sizeof *block);
        if (block == NULL) return NULL;
        block->capacity = need <= CS_BLOCK ? CS_BLOCK : need;
        block->data = malloc(block->capacity);
        if (block->data == NULL) { free(block); return NULL; }
    }
    block->next = NULL;
    block->used = 0;
    p->in_flight++;
    return block;
}

static void block_free(struct cs_block *block) {
    if (block == NULL) return;
    free(block->data);
    free(block);
}

// Hands the current block to the replay (called with the lock held).
static void pipeline_flush_locked(struct cs_pipeline *p) {
    if (p->current == NULL) return;
    if (p->tail) p->tail->next = p->current; else p->head = p->current;
    p->tail = p->current;
    p->current = NULL;
    pthread_cond_signal(&p->filled);
}

// Room for an event of `size` bytes (a multiple of 8): in the current block, or a new one once
// the queue has room. NULL when out of memory (the parse then stops).
static unsigned char *pipeline_reserve(struct cs_pipeline *p, size_t size) {
    if (p->failed) return NULL;
    if (p->current && p->current->used + size <= p->current->capacity) {
        unsigned char *at = p->current->data + p->current->used;
        p->current->used += size;
        return at;
    }
    pthread_mutex_lock(&p->lock);
    pipeline_flush_locked(p);
    while (p->in_flight >= CS_BLOCKS_IN_FLIGHT && !atomic_load(&p->stop_requested))
        pthread_cond_wait(&p->emptied, &p->lock);
    p->current = block_make(p, size);
    pthread_mutex_unlock(&p->lock);
    if (p->current == NULL) {
        p->failed = 1;
        if (current_parser) halt(current_parser);
        return NULL;
    }
    p->current->used = size;
    return p->current->data;
}

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

// After each recorded event: a stop the callbacks asked for reaches the parse.
static void pipeline_check_stop(struct cs_pipeline *p) {
    if (atomic_load_explicit(&p->stop_requested, memory_order_relaxed) && current_parser && !current_parser->stopped)
        halt(current_parser);
}

static void record_start(void *context, const cs_start_element *start) {
    struct cs_pipeline *p = context;
    size_t values = 0;
    for (int32_t a = 0; a < start->attribute_count; a++) values += (size_t)start->attributes[a].length;
    size_t head = sizeof(struct ev_start) + (size_t)start->attribute_count * sizeof(struct ev_attribute);
    size_t size = round8(head + values);
    unsigned char *at = pipeline_reserve(p, size);
    if (at == NULL) return;
    struct ev_start *e = (struct ev_start *)at;
    e->h.type = EV_START; e->h.size = (uint32_t)size;
    e->element = start->element; e->line = start->line; e->column = start->column;
    e->attribute_count = start->attribute_count;
    e->localname = start->localname; e->namespace_uri = start->namespace_uri;
    struct ev_attribute *attributes = (struct ev_attribute *)(e + 1);
    size_t offset = head;
    for (int32_t a = 0; a < start->attribute_count; a++) {
        const cs_attribute_value *v = &start->attributes[a];
        attributes[a].code = v->code;
        attributes[a].length = v->length;
        attributes[a].offset = (uint32_t)offset;
        attributes[a].localname = v->localname;
        if (v->length > 0) memcpy(at + offset, v->value, (size_t)v->length);
        offset += (size_t)v->length;
    }
    pipeline_check_stop(p);
}

static void record_end(void *context, int32_t element) {
    struct cs_pipeline *p = context;
    struct ev_end *e = (struct ev_end *)pipeline_reserve(p, sizeof(struct ev_end));
    if (e == NULL) return;
    e->h.type = EV_END; e->h.size = sizeof *e;
    e->element = element;
    pipeline_check_stop(p);
}

static void record_diagnostic(void *context, const cs_diagnostic *d) {
    struct cs_pipeline *p = context;
    size_t length = d->message ? strlen(d->message) : 0;
    size_t size = round8(sizeof(struct ev_diagnostic) + length + 1);
    unsigned char *at = pipeline_reserve(p, size);
    if (at == NULL) return;
    struct ev_diagnostic *e = (struct ev_diagnostic *)at;
    e->h.type = EV_DIAGNOSTIC; e->h.size = (uint32_t)size;
    e->level = d->level; e->origin = d->origin; e->line = d->line; e->column = d->column; e->code = d->code;
    if (length) memcpy(e + 1, d->message, length);
    ((char *)(e + 1))[length] = 0;
    pipeline_check_stop(p);
}

static void record_progress(void *context, uint64_t bytes) {
    struct cs_pipeline *p = context;
    struct ev_progress *e = (struct ev_progress *)pipeline_reserve(p, sizeof(struct ev_progress));
    if (e == NULL) return;
    e->h.type = EV_PROGRESS; e->h.size = sizeof *e;
    e->bytes = bytes;
}

static void record_characters(void *context, const char *text, int32_t length) {
    struct cs_pipeline *p = context;
    size_t size = round8(sizeof(struct ev_characters) + (size_t)length);
    unsigned char *at = pipeline_reserve(p, size);
    if (at == NULL) return;
    struct ev_characters *e = (struct ev_characters *)at;
    e->h.type = EV_CHARACTERS; e->h.size = (uint32_t)size;
    e->length = length;
    if (length > 0) memcpy(e + 1, text, (size_t)length);
    pipeline_check_stop(p);
}

static void *pipeline_parse(void *context) {
    struct cs_pipeline *p = context;
    p->status = parse_run(&p->parser, &p->sax, p->source, p->schema, &p->recording, p->filename, &p->io_errno);
    pthread_mutex_lock(&p->lock);
    pipeline_flush_locked(p);
    p->done = 1;
    pthread_cond_signal(&p->filled);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

// Calls the target's callbacks for the events of one block, until one asks to stop.
static void replay(struct cs_pipeline *p, const struct cs_block *block) {
    const cs_callbacks *t = p->target;
    cs_attribute_value attributes[CS_MAX_ATTRIBUTES];
    size_t at = 0;
    while (at < block->used && !p->stopped) {
        const unsigned char *event = block->data + at;
        const struct ev_header *h = (const struct ev_header *)event;
        at += h->size;
        int refusal = 0;
        switch (h->type) {
        case EV_START: {
            const struct ev_start *e = (const struct ev_start *)event;
            const struct ev_attribute *a = (const struct ev_attribute *)(e + 1);
            for (int32_t k = 0; k < e->attribute_count; k++) {
                attributes[k].code = a[k].code;
                attributes[k].length = a[k].length;
                attributes[k].value = (const char *)event + a[k].offset;
                attributes[k].localname = a[k].localname;
            }
            cs_start_element start = { e->element, e->line, e->column, e->attribute_count, e->localname,
                                       e->namespace_uri, attributes };
            if (t->start_element) t->start_element(t->context, &start);
            break;
        }
        case EV_END:
            if (t->end_element) t->end_element(t->context, ((const struct ev_end *)event)->element);
            break;
        case EV_DIAGNOSTIC: {
            const struct ev_diagnostic *e = (const struct ev_diagnostic *)event;
            cs_diagnostic d = { e->level, e->origin, e->line, e->column, e->code, (const char *)(e + 1) };
            // The shim reports its refusal of the document and then marks the parse failed.
            refusal = e->origin == CS_ORIGIN_SHIM && e->level == CS_FATAL;
            if (t->diagnostic) t->diagnostic(t->context, &d);
            break;
        }
        case EV_PROGRESS:
            if (t->progress) t->progress(t->context, ((const struct ev_progress *)event)->bytes);
            break;
        case EV_CHARACTERS: {
            const struct ev_characters *e = (const struct ev_characters *)event;
            if (t->characters) t->characters(t->context, (const char *)(e + 1), e->length);
            break;
        }
        }
        if (p->stopped) p->stopped_at_refusal = refusal;
    }
}

// Parses on a second thread, replaying on this one. Returns nonzero when no thread could be
// started (then nothing has been called back and the caller parses on its own thread).
static int parse_pipelined(struct cs_source *source, const cs_schema *schema, const cs_callbacks *callbacks,
                           const char *filename, int32_t *io_errno, int32_t *status) {
    struct cs_pipeline *p = calloc(1, sizeof *p);
    if (p == NULL) return -1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->filled, NULL);
    pthread_cond_init(&p->emptied, NULL);
    atomic_init(&p->stop_requested, 0);
    p->source = source; p->schema = schema; p->filename = filename; p->target = callbacks;
    p->recording.context = p;
    p->recording.start_element = record_start;
    p->recording.end_element = record_end;
    p->recording.diagnostic = record_diagnostic;
    p->recording.progress = record_progress;
    p->recording.characters = callbacks->characters ? record_characters : NULL;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 8 << 20);
    pthread_t thread;
    int started = pthread_create(&thread, &attributes, pipeline_parse, p);
    pthread_attr_destroy(&attributes);
    if (started != 0) {
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->filled);
        pthread_cond_destroy(&p->emptied);
        free(p);
        return -1;
    }
    struct cs_pipeline *previous = current_replay;
    current_replay = p;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->head == NULL && !p->done) pthread_cond_wait(&p->filled, &p->lock);
        struct cs_block *block = p->head;
        if (block) { p->head = block->next; if (p->head == NULL) p->tail = NULL; }
        pthread_mutex_unlock(&p->lock);
        if (block == NULL) break;
        replay(p, block);
        pthread_mutex_lock(&p->lock);
        if (block->capacity == CS_BLOCK) { block->next = p->spare; p->spare = block; } else block_free(block);
        p->in_flight--;
        pthread_cond_signal(&p->emptied);
        pthread_mutex_unlock(&p->lock);
    }
    current_replay = previous;
    pthread_join(thread, NULL);
    end(&p->parser);
    if (p->stopped) {
        // As the parse would have ended had it stopped where the callback asked.
        *status = p->stopped_at_refusal ? CS_STATUS_FAILED : CS_STATUS_STOPPED;
    } else if (p->failed) {
        *status = CS_STATUS_IO_ERROR;
        if (io_errno) *io_errno = ENOMEM;
    } else {
        *status = p->status;
        if (io_errno) *io_errno = p->io_errno;
    }
    while (p->spare) { struct cs_block *next = p->spare->next; block_free(p->spare); p->spare = next; }
    block_free(p->current);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->filled);
    pthread_cond_destroy(&p->emptied);
    free(p);
    return 0;
}

static int32_t parse_source(struct cs_source *source, const cs_schema *schema, const cs_callbacks *callbacks,
                            const char *filename, int32_t *io_errno, uint64_t size) {
    int32_t status = CS_STATUS_OK;
    int threaded = callbacks->threading > 0 || (callbacks->threading == 0 && size >= CS_PIPELINE_THRESHOLD);
    if (threaded && parse_pipelined(source, schema, callbacks, filename, io_errno, &status) == 0)
        return status;
    struct cs_parser parser;
    xmlSAXHandler sax;
    status = parse_run(&parser, &sax, source, schema, callbacks, filename, io_errno);
    end(&parser);
    return status;
}

int32_t cs_parse_file(const char *path, const cs_schema *schema, const cs_callbacks *callbacks,
                      int32_t *io_errno) {
    if (io_errno) *io_errno = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { if (io_errno) *io_errno = errno; return CS_STATUS_IO_ERROR; }
    struct stat info;
    memset(&info, 0, sizeof info);
    if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        close(fd);
        if (io_errno) *io_errno = EISDIR;
        return CS_STATUS_IO_ERROR;
    }
    struct cs_source source = { fd, NULL, 0, 0, malloc(CS_CHUNK) };
    if (source.buffer == NULL) { close(fd); if (io_errno) *io_errno = ENOMEM; return CS_STATUS_IO_ERROR; }
    int32_t status = parse_source(&source, schema, callbacks, path, io_errno, S_ISREG(info.st_mode) ? (uint64_t)info.st_size : 0);
    free(source.buffer);
    close(fd);
    return status;
}

int32_t cs_parse_memory(const char *bytes, size_t length, const cs_schema *schema,
                        const cs_callbacks *callbacks) {
    struct cs_source source = { -1, (const unsigned char *)bytes, length, 0, NULL };
    int32_t io_errno = 0;
    return parse_source(&source, schema, callbacks, "memory", &io_errno, (uint64_t)length);
}

const char *cs_element_name(int32_t element) {
    return element > 0 && element < CS_EL_COUNT ? element_spellings[element] : "";
}

const char *cs_attribute_name(int32_t attribute) {
    return attribute > CS_AT_FOREIGN && attribute < CS_AT_COUNT ? attribute_spellings[attribute] : "";
}

void cs_stop_current_parse(void) {
    struct cs_pipeline *pipeline = current_replay;
    if (pipeline != NULL) {
        pipeline->stopped = 1;
        atomic_store(&pipeline->stop_requested, 1);
        pthread_mutex_lock(&pipeline->lock);
        pthread_cond_signal(&pipeline->emptied);
        pthread_mutex_unlock(&pipeline->lock);
        return;
    }
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped) return;
    halt(parser);
}

// MARK: - Push parsing (the caller feeds the bytes)

struct cs_push_parser {
    struct cs_parser parser;
    xmlSAXHandler sax;        // on the heap: the schema plug keeps a pointer to it
    unsigned char *pending;   // the first bytes, until CS_CHUNK of them tell the encoding
    size_t pending_length;
    int opened;               // the decoder has its encoding
    int finished;
    int result;               // the last xmlParseChunk result
    int failed_to_begin;
    uint64_t total;
};

// Runs `body` with this parser as the thread's current one.
#define WITH_CURRENT(session, body) do { \
        struct cs_parser *previous_ = current_parser; \
        current_parser = &(session)->parser; \
        body; \
        current_parser = previous_; \
    } while (0)

cs_push_parser *cs_push_create(const cs_schema *schema, const cs_callbacks *callbacks,
                               const cs_vocabulary *vocabulary, const char *name) {
    cs_push_parser *session = calloc(1, sizeof(cs_push_parser));
    if (session == NULL) return NULL;
    session->pending = malloc(CS_CHUNK);
    if (session->pending == NULL) { free(session); return NULL; }
    int began = 0;
    WITH_CURRENT(session, began = begin(&session->parser, &session->sax, schema, callbacks, name ? name : "memory"));
    if (began != 0) { session->failed_to_begin = 1; return session; }
    if (vocabulary != NULL) {
        struct cs_parser *parser = &session->parser;
        xmlDictPtr dict = parser->ctxt->dict;
        parser->vocabulary = vocabulary;
        parser->vocabulary_elements = calloc((size_t)vocabulary->element_count + 1, sizeof(xmlChar *));
        parser->vocabulary_attributes = calloc((size_t)vocabulary->attribute_count + 1, sizeof(xmlChar *));
        if (parser->vocabulary_elements == NULL || parser->vocabulary_attributes == NULL) {
            session->failed_to_begin = 1;
            return session;
        }
        for (int32_t i = 0; i < vocabulary->element_count; i++)
            parser->vocabulary_elements[i] = xmlDictLookup(dict, BAD_CAST vocabulary->elements[i], -1);
        for (int32_t i = 0; i < vocabulary->attribute_count; i++)
            parser->vocabulary_attributes[i] = xmlDictLookup(dict, BAD_CAST vocabulary->attributes[i], -1);
    }
    return session;
}

// Opens the decoder on the bytes held so far and hands them on.
static int push_open(cs_push_parser *session, int final) {
    struct cs_parser *parser = &session->parser;
    session->opened = 1;
    struct cs_decode_error error;
    int skip = cs_decoder_open(&parser->decoder, session->pending, session->pending_length, &error);
    if (skip < 0) {
        refuse(parser, error.line, error.column, error.message);
        return -1;
    }
    session->result = push(parser, session->pending + skip, session->pending_length - (size_t)skip, final);
    session->pending_length = 0;
    return parser->stopped ? -1 : 0;
}

int32_t cs_push_feed(cs_push_parser *session, const char *bytes, size_t length) {
    if (session == NULL || session->failed_to_begin) return 1;
    struct cs_parser *parser = &session->parser;
    if (parser->stopped || session->finished) return 1;
    int32_t stopped = 0;
    WITH_CURRENT(session, {
        session->total += length;
        while (length > 0 && !parser->stopped) {
            if (!session->opened) {
                size_t room = CS_CHUNK - session->pending_length;
                size_t n = length < room ? length : room;
                memcpy(session->pending + session->pending_length, bytes, n);
                session->pending_length += n;
                bytes += n;
                length -= n;
                if (session->pending_length == CS_CHUNK) push_open(session, 0);
                continue;
            }
            size_t n = length < CS_CHUNK ? length : CS_CHUNK;
            session->result = push(parser, (const unsigned char *)bytes, n, 0);
            bytes += n;
            length -= n;
            if (session->result != 0 && parser->ctxt->disableSAX) break;
        }
        if (parser->callbacks->progress) parser->callbacks->progress(parser->callbacks->context, session->total);
        stopped = parser->stopped || (session->result != 0 && parser->ctxt->disableSAX);
    });
    return stopped;
}

int32_t cs_push_finish(cs_push_parser *session) {
    if (session == NULL || session->failed_to_begin) return CS_STATUS_IO_ERROR;
    struct cs_parser *parser = &session->parser;
    int32_t status = CS_STATUS_OK;
    WITH_CURRENT(session, {
        if (!session->finished) {
            session->finished = 1;
            if (!parser->stopped) {
                if (!session->opened) push_open(session, 1);
                else if (!(session->result != 0 && parser->ctxt->disableSAX))
                    session->result = push(parser, (const unsigned char *)"", 0, 1);
            }
        }
        status = finish_status(parser, session->result);
    });
    return status;
}

void cs_push_free(cs_push_parser *session) {
    if (session == NULL) return;
    WITH_CURRENT(session, end(&session->parser));
    free(session->parser.vocabulary_elements);
    free(session->parser.vocabulary_attributes);
    free(session->pending);
    free(session);
}
