// The libxml2 side of the importer: the parse itself. See CSupplyXML.h for the contract and
// internal.h for how the files divide the work.
#include "internal.h"

_Thread_local struct cs_parser *cs_current_parser = NULL;

// Hands UTF-8 text to the pre-scan and libxml2.
static int feed(struct cs_parser *parser, const char *bytes, size_t length, int terminate) {
    if (parser->stopped) return -1;
    size_t allowed = cs_scan(&parser->scanner, (const unsigned char *)bytes, length);
    if (allowed < length) {
        // libxml2 gets the bytes before the tag's last attribute and keeps the tag pending.
        if (allowed > 0) xmlParseChunk(parser->ctxt, bytes, (int)allowed, 0);
        parser->fed += allowed;
        cs_refuse(parser, parser->scanner.tag_line, parser->scanner.tag_column,
               "too many attributes on one element (more than 256, counting namespace declarations)");
        return -1;
    }
    parser->fed += (uint64_t)length;
    parser->terminating = terminate;
    int result = xmlParseChunk(parser->ctxt, bytes, (int)length, terminate);
    if (!parser->stopped && cs_check_no_converter(parser) != 0) return -1;
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
        cs_refuse(parser, error.line > 0 ? error.line : parser->scanner.line,
               error.line > 0 ? error.column : parser->scanner.column, error.message);
        return -1;
    }
    return result;
}

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
int32_t cs_parse_run(struct cs_parser *parser, xmlSAXHandler *sax, struct cs_source *source,
                         const cs_schema *schema, const cs_callbacks *callbacks, const char *filename,
                         int32_t *io_errno) {
    struct cs_parser *previous = cs_current_parser;
    cs_current_parser = parser;
    if (cs_begin(parser, sax, schema, callbacks, filename) != 0) {
        cs_current_parser = previous;
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
            cs_refuse(parser, error.line, error.column, error.message);
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
    if (status == CS_STATUS_OK) status = cs_finish_status(parser, result);
    cs_current_parser = previous;
    return status;
}

static int32_t parse_source(struct cs_source *source, const cs_schema *schema, const cs_callbacks *callbacks,
                            const char *filename, int32_t *io_errno, uint64_t size) {
    int32_t status = CS_STATUS_OK;
    int threaded = callbacks->threading > 0 || (callbacks->threading == 0 && size >= CS_PIPELINE_THRESHOLD);
    if (threaded && cs_parse_pipelined(source, schema, callbacks, filename, io_errno, &status) == 0)
        return status;
    struct cs_parser parser;
    xmlSAXHandler sax;
    status = cs_parse_run(&parser, &sax, source, schema, callbacks, filename, io_errno);
    cs_end(&parser);
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

void cs_stop_current_parse(void) {
    if (cs_pipeline_stop_current()) return;
    struct cs_parser *parser = cs_current_parser;
    if (parser == NULL || parser->stopped) return;
    cs_halt(parser);
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
        struct cs_parser *previous_ = cs_current_parser; \
        cs_current_parser = &(session)->parser; \
        body; \
        cs_current_parser = previous_; \
    } while (0)

cs_push_parser *cs_push_create(const cs_schema *schema, const cs_callbacks *callbacks,
                               const cs_vocabulary *vocabulary, const char *name) {
    cs_push_parser *session = calloc(1, sizeof(cs_push_parser));
    if (session == NULL) return NULL;
    session->pending = malloc(CS_CHUNK);
    if (session->pending == NULL) { free(session); return NULL; }
    int began = 0;
    WITH_CURRENT(session, began = cs_begin(&session->parser, &session->sax, schema, callbacks, name ? name : "memory"));
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
        cs_refuse(parser, error.line, error.column, error.message);
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
        status = cs_finish_status(parser, session->result);
    });
    return status;
}

void cs_push_free(cs_push_parser *session) {
    if (session == NULL) return;
    WITH_CURRENT(session, cs_end(&session->parser));
    free(session->parser.vocabulary_elements);
    free(session->parser.vocabulary_attributes);
    free(session->pending);
    free(session);
}
