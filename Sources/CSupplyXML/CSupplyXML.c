// The libxml2 side of the importer. See CSupplyXML.h for the contract.
#include "CSupplyXML.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CS_NAMESPACE "urn:chokepoint:supply-chain:1"
#define CS_CHUNK (256 * 1024)
#define CS_MAX_ATTRIBUTES 64

struct cs_schema {
    xmlSchemaPtr schema;
};

struct cs_parser {
    xmlParserCtxtPtr ctxt;
    xmlSchemaValidCtxtPtr validation;
    xmlSchemaSAXPlugPtr plug;
    const cs_callbacks *callbacks;
    int stopped;
    int refused_doctype;
    // Element and attribute names interned in the parser's dictionary: compared by pointer.
    const xmlChar *element_names[CS_EL_COUNT];
    const xmlChar *attribute_names[CS_AT_COUNT];
    const xmlChar *namespace_name;
    cs_attribute_value attributes[CS_MAX_ATTRIBUTES];
};

static _Thread_local struct cs_parser *current_parser = NULL;

static const char *const element_spellings[CS_EL_COUNT] = {
    NULL, "supplyChain", "countryGroup", "system", "component", "material", "uses",
    "supplier", "supplies", "supply", "sourcedFrom",
};

static const char *const attribute_spellings[CS_AT_COUNT] = {
    NULL, NULL, "id", "name", "unit", "demand", "stock", "item", "quantity", "country",
    "controlledBy", "recoveryDays", "share", "capacity", "leadTimeDays", "supplier",
    "suppliers", "members", "asOf",
};

// MARK: - Safety

static xmlParserInputPtr refuse_external_entity(const char *url, const char *id,
                                                xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static void install_safe_loader(void) {
    static int installed = 0;
    if (!installed) {
        xmlSetExternalEntityLoader(refuse_external_entity);
        installed = 1;
    }
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
    const xmlChar *p = cur;
    int newlines = 0;
    int characters = 0;
    while (p > input->base && *(p - 1) != '<') {
        p--;
        if (*p == '\n') newlines++;
    }
    if (p == input->base) { // not found: fall back to libxml2's own position
        *line = input->line;
        *column = input->col;
        return;
    }
    const xmlChar *open = p - 1;
    *line = input->line - newlines;
    if (newlines == 0) {
        for (const xmlChar *q = open; q < cur; q++)
            if ((*q & 0xC0) != 0x80) characters++;
        *column = input->col - characters;
        if (*column < 1) *column = 1;
    } else {
        const xmlChar *q = open;
        while (q > input->base && *(q - 1) != '\n') q--;
        if (q == input->base && input->line - newlines > 1) { *column = 0; return; }
        int col = 1;
        for (; q < open; q++)
            if ((*q & 0xC0) != 0x80) col++;
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

static void parser_error(void *data, xmlErrorPtr error) {
    (void)data;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || error == NULL || error->level == XML_ERR_NONE) return;
    if (parser->stopped && error->code == XML_ERR_USER_STOP) return;
    if (parser->refused_doctype) return; // the refusal was reported already
    report(parser, level_of(error->level), CS_ORIGIN_PARSER, error->line, error->int2,
           error->code, error->message ? error->message : "malformed XML");
}

static void schema_error(void *data, xmlErrorPtr error) {
    struct cs_parser *parser = data;
    if (parser == NULL || error == NULL || error->level == XML_ERR_NONE) return;
    int32_t line = 0, column = 0;
    tag_start(parser->ctxt, &line, &column);
    report(parser, level_of(error->level), CS_ORIGIN_SCHEMA, line, column, error->code,
           error->message ? error->message : "schema violation");
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

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id) {
    (void)ctx; (void)name; (void)external_id; (void)system_id;
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->refused_doctype) return;
    int32_t line = parser->ctxt ? xmlSAX2GetLineNumber(parser->ctxt) : 0;
    report(parser, CS_FATAL, CS_ORIGIN_SHIM, line, 1, 0,
           "a document type declaration (DOCTYPE) is not allowed: DTDs and entities are refused");
    parser->refused_doctype = 1;
    parser->stopped = 1;
    xmlStopParser(parser->ctxt);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
    (void)ctx; (void)name;
    return NULL; // no entity is ever defined: references become "Entity not defined" errors
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
    if (uri == parser->namespace_name || (uri && strcmp((const char *)uri, CS_NAMESPACE) == 0)) {
        for (int i = 1; i < CS_EL_COUNT; i++)
            if (localname == parser->element_names[i]) { element = i; break; }
    }
    int count = nb_attributes < CS_MAX_ATTRIBUTES ? nb_attributes : CS_MAX_ATTRIBUTES;
    for (int a = 0; a < count; a++) {
        const xmlChar *name = attributes[5 * a];
        const xmlChar *attribute_uri = attributes[5 * a + 2];
        int32_t code = CS_AT_UNKNOWN;
        if (attribute_uri != NULL) {
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
        report(parser, CS_FATAL, CS_ORIGIN_SHIM, start.line, start.column, 0,
               "too many attributes on one element (more than 64)");
        parser->stopped = 1;
        xmlStopParser(parser->ctxt);
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
    if (parser->namespace_name && uri == parser->namespace_name) {
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

// Sets up the parser with the first bytes of the document (they decide the encoding).
static int begin(struct cs_parser *parser, xmlSAXHandler *sax, const cs_schema *schema,
                 const cs_callbacks *callbacks, const char *first, int first_length,
                 const char *filename) {
    install_safe_loader();
    memset(parser, 0, sizeof(*parser));
    parser->callbacks = callbacks;
    init_handler(sax);
    xmlSAXHandlerPtr handler = sax;
    void *user_data = parser;
    if (schema != NULL) {
        parser->validation = xmlSchemaNewValidCtxt(schema->schema);
        if (parser->validation == NULL) return -1;
        xmlSchemaSetValidStructuredErrors(parser->validation, schema_error, parser);
        parser->plug = xmlSchemaSAXPlug(parser->validation, &handler, &user_data);
        if (parser->plug == NULL) return -1;
        xmlSchemaValidateSetLocator(parser->validation, schema_locator, parser);
    }
    parser->ctxt = xmlCreatePushParserCtxt(handler, user_data, first, first_length, filename);
    if (parser->ctxt == NULL) return -1;
    xmlCtxtUseOptions(parser->ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    parser->ctxt->_private = parser;
    // The schema plug's handler has no structured error callback: give the context's copy ours,
    // so that well-formedness errors come to us and never to libxml2's default (stderr).
    if (parser->ctxt->sax != NULL) {
        parser->ctxt->sax->serror = parser_error;
        parser->ctxt->sax->internalSubset = on_internal_subset;
        parser->ctxt->sax->getEntity = on_get_entity;
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
    parser->ctxt = NULL;
}

static int32_t finish_status(struct cs_parser *parser, int result) {
    if (parser->refused_doctype) return CS_STATUS_FAILED;
    if (parser->stopped) return CS_STATUS_STOPPED;
    if (result != 0 || !parser->ctxt->wellFormed) return CS_STATUS_FAILED;
    return CS_STATUS_OK;
}

static int feed(struct cs_parser *parser, const char *bytes, int length, int terminate) {
    int result = xmlParseChunk(parser->ctxt, bytes, length, terminate);
    if (parser->stopped) return -1;
    if (result != 0 && parser->ctxt->disableSAX) return result;
    return result;
}

int32_t cs_parse_file(const char *path, const cs_schema *schema, const cs_callbacks *callbacks,
                      int32_t *io_errno) {
    if (io_errno) *io_errno = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { if (io_errno) *io_errno = errno; return CS_STATUS_IO_ERROR; }
    struct stat info;
    if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        close(fd);
        if (io_errno) *io_errno = EISDIR;
        return CS_STATUS_IO_ERROR;
    }
    char *buffer = malloc(CS_CHUNK);
    if (buffer == NULL) { close(fd); if (io_errno) *io_errno = ENOMEM; return CS_STATUS_IO_ERROR; }

    // The first four bytes let libxml2 detect the encoding.
    ssize_t got = 0;
    while (got < 4) {
        ssize_t n = read(fd, buffer + got, 4 - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (io_errno) *io_errno = errno;
            free(buffer); close(fd); return CS_STATUS_IO_ERROR;
        }
        if (n == 0) break;
        got += n;
    }
    struct cs_parser parser;
    xmlSAXHandler sax;
    struct cs_parser *previous = current_parser;
    current_parser = &parser;
    if (begin(&parser, &sax, schema, callbacks, buffer, (int)got, path) != 0) {
        end(&parser);
        current_parser = previous;
        free(buffer); close(fd);
        if (io_errno) *io_errno = ENOMEM;
        return CS_STATUS_IO_ERROR;
    }
    uint64_t total = (uint64_t)got;
    int result = 0;
    int32_t status = CS_STATUS_OK;
    if (got == 0) {
        result = feed(&parser, buffer, 0, 1);
    } else {
        for (;;) {
            ssize_t n = read(fd, buffer, CS_CHUNK);
            if (n < 0) {
                if (errno == EINTR) continue;
                if (io_errno) *io_errno = errno;
                status = CS_STATUS_IO_ERROR;
                break;
            }
            total += (uint64_t)n;
            result = feed(&parser, buffer, (int)n, n == 0);
            if (callbacks->progress) callbacks->progress(callbacks->context, total);
            if (n == 0 || parser.stopped || (result != 0 && parser.ctxt->disableSAX)) break;
        }
    }
    if (status == CS_STATUS_OK) status = finish_status(&parser, result);
    end(&parser);
    current_parser = previous;
    free(buffer);
    close(fd);
    return status;
}

int32_t cs_parse_memory(const char *bytes, size_t length, const cs_schema *schema,
                        const cs_callbacks *callbacks) {
    struct cs_parser parser;
    xmlSAXHandler sax;
    struct cs_parser *previous = current_parser;
    current_parser = &parser;
    int first = length < 4 ? (int)length : 4;
    if (begin(&parser, &sax, schema, callbacks, bytes, first, "memory") != 0) {
        end(&parser);
        current_parser = previous;
        return CS_STATUS_IO_ERROR;
    }
    int result = 0;
    size_t offset = (size_t)first;
    if (length == 0) {
        result = feed(&parser, bytes, 0, 1);
    } else {
        for (;;) {
            size_t n = length - offset < CS_CHUNK ? length - offset : CS_CHUNK;
            result = feed(&parser, bytes + offset, (int)n, n == 0);
            offset += n;
            if (n == 0 || parser.stopped || (result != 0 && parser.ctxt->disableSAX)) break;
        }
    }
    int32_t status = finish_status(&parser, result);
    end(&parser);
    current_parser = previous;
    return status;
}

void cs_stop_current_parse(void) {
    struct cs_parser *parser = current_parser;
    if (parser == NULL || parser->stopped) return;
    parser->stopped = 1;
    if (parser->ctxt) xmlStopParser(parser->ctxt);
}
