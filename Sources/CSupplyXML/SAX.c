// libxml2's side of the parse: safety, locations, diagnostics, the SAX2 handlers, the schema,
// and setting up a parser. See internal.h for how the files divide the work.
#include "internal.h"

static const char *const element_spellings[CS_EL_COUNT] = {
    NULL, "supplyChain", "countryGroup", "system", "component", "material", "uses",
    "supplier", "supplies", "supply", "sourcedFrom",
    "entity", "owner", "option",
};

static const char *const attribute_spellings[CS_AT_COUNT] = {
    NULL, NULL, "id", "name", "unit", "demand", "stock", "item", "quantity", "country",
    "controlledBy", "recoveryDays", "share", "capacity", "leadTimeDays", "supplier",
    "suppliers", "members", "asOf", "weight", "price", "currency", "cage",
    "lei", "registration", "person", "of", "by", "control",
    "maxPurchase", "cost",
    "commodity", "aggregate", "home",
    "declarant",
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
void cs_install_safe_loader(void) {
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
    struct cs_parser *parser = cs_current_parser;
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
void cs_halt(struct cs_parser *parser) {
    parser->stopped = 1;
    if (parser->ctxt) parser->ctxt->disableSAX = 1;
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id) {
    (void)ctx; (void)name; (void)external_id; (void)system_id;
    struct cs_parser *parser = cs_current_parser;
    if (parser == NULL || parser->refused_doctype) return;
    int32_t line = parser->ctxt ? xmlSAX2GetLineNumber(parser->ctxt) : 0;
    report(parser, CS_FATAL, CS_ORIGIN_SHIM, line, 1, 0,
           "a document type declaration (DOCTYPE) is not allowed: DTDs and entities are refused");
    parser->refused_doctype = 1;
    parser->refused = 1;
    cs_halt(parser);
}

void cs_refuse(struct cs_parser *parser, int32_t line, int32_t column, const char *message) {
    if (!parser->reported_fatal && !parser->refused)
        report(parser, CS_FATAL, CS_ORIGIN_SHIM, line, column, 0, message);
    parser->refused = 1;
    cs_halt(parser);
}

// In front of the schema plug (or on_start): limits are checked before anything else sees
// the element, and the open elements are kept for messages about a truncated file.
static void gate_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    struct cs_parser *parser = cs_current_parser;
    if (parser == NULL || parser->stopped) return;
    parser->saw_element = 1;
    parser->tags++;
    parser->depth++;
    if (parser->depth > CS_MAX_DEPTH || nb_attributes > CS_MAX_ATTRIBUTES) {
        int32_t line = 0, column = 0;
        tag_start(parser->ctxt, &line, &column);
        cs_refuse(parser, line, column, parser->depth > CS_MAX_DEPTH
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
    struct cs_parser *parser = cs_current_parser;
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
    struct cs_parser *parser = cs_current_parser;
    if (parser == NULL || parser->stopped || parser->callbacks->characters == NULL) return;
    parser->callbacks->characters(parser->callbacks->context, (const char *)text, (int32_t)length);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    (void)ctx; (void)prefix; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    struct cs_parser *parser = cs_current_parser;
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
        cs_refuse(parser, start.line, start.column, "too many attributes on one element (more than 64)");
        return;
    }
    if (parser->callbacks->start_element)
        parser->callbacks->start_element(parser->callbacks->context, &start);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri) {
    (void)ctx; (void)prefix;
    struct cs_parser *parser = cs_current_parser;
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
    cs_install_safe_loader();
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

// A safety net: libxml2 reads the decoder's UTF-8 and never switches to a converter of its own
// (XML_PARSE_IGNORE_ENC, and the encoding detection of the first bytes is skipped).
int cs_check_no_converter(struct cs_parser *parser) {
    xmlParserInputPtr input = parser->ctxt ? parser->ctxt->input : NULL;
    if (input == NULL || input->buf == NULL || input->buf->encoder == NULL) return 0;
    cs_refuse(parser, 1, 1, "the parser switched to an encoding of its own: refused");
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
int cs_begin(struct cs_parser *parser, xmlSAXHandler *sax, const cs_schema *schema,
                 const cs_callbacks *callbacks, const char *filename) {
    cs_install_safe_loader();
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

void cs_end(struct cs_parser *parser) {
    if (parser->ctxt) {
        if (parser->ctxt->myDoc) xmlFreeDoc(parser->ctxt->myDoc);
        xmlFreeParserCtxt(parser->ctxt);
    }
    if (parser->plug) xmlSchemaSAXUnplug(parser->plug);
    if (parser->validation) xmlSchemaFreeValidCtxt(parser->validation);
    cs_decoder_close(&parser->decoder);
    parser->ctxt = NULL;
}

int32_t cs_finish_status(struct cs_parser *parser, int result) {
    if (parser->refused_doctype || parser->refused) return CS_STATUS_FAILED;
    if (parser->stopped) return CS_STATUS_STOPPED;
    if (result != 0 || !parser->ctxt->wellFormed) return CS_STATUS_FAILED;
    return CS_STATUS_OK;
}

const char *cs_element_name(int32_t element) {
    return element > 0 && element < CS_EL_COUNT ? element_spellings[element] : "";
}

const char *cs_attribute_name(int32_t attribute) {
    return attribute > CS_AT_FOREIGN && attribute < CS_AT_COUNT ? attribute_spellings[attribute] : "";
}

