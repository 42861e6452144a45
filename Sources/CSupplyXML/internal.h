// The internal header of CSupplyXML: libxml2's types, the parser's state and the functions the
// C files share. Only the target's own .c files include it (it is not in include/, so no Swift
// module sees it); the public contract is include/CSupplyXML.h.
//
// The files:
// - SAX.c       libxml2's side: the safe entity loader, locations, errors and diagnostics, the
//               SAX2 handlers and the gate in front of them, the schema, setting up and tearing
//               down a parser (cs_begin, cs_end).
// - PreScan.c   the cheap pass over the decoded text before libxml2 sees it (cs_scan).
// - Pipeline.c  a large input parsed on a second thread while the callbacks run on the caller's.
// - CSupplyXML.c feeding the decoded text (Decoder.c) through the pre-scan to libxml2, the
//               sources (file, memory), the public parse functions and push parsing.
#ifndef CSUPPLYXML_INTERNAL_H
#define CSUPPLYXML_INTERNAL_H

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

// From this many bytes of input a parse has a thread of its own (unless told otherwise).
#define CS_PIPELINE_THRESHOLD (1 << 20)

// Shared between the C files of the target, never exported from it.
#define CS_INTERNAL __attribute__((visibility("hidden")))

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

// Where the bytes come from: a file, or memory.
struct cs_source {
    int fd;                    // -1 for memory
    const unsigned char *bytes;
    size_t length, offset;
    unsigned char *buffer;     // CS_CHUNK bytes, for a file
};

// The parse running on this thread (its SAX callbacks find their parser here).
extern _Thread_local struct cs_parser *cs_current_parser CS_INTERNAL;

// SAX.c
CS_INTERNAL void cs_install_safe_loader(void);
CS_INTERNAL void cs_refuse(struct cs_parser *parser, int32_t line, int32_t column, const char *message);
CS_INTERNAL void cs_halt(struct cs_parser *parser);
CS_INTERNAL int cs_check_no_converter(struct cs_parser *parser);
CS_INTERNAL int cs_begin(struct cs_parser *parser, xmlSAXHandler *sax, const cs_schema *schema,
                         const cs_callbacks *callbacks, const char *filename);
CS_INTERNAL void cs_end(struct cs_parser *parser);
CS_INTERNAL int32_t cs_finish_status(struct cs_parser *parser, int result);

// PreScan.c
CS_INTERNAL size_t cs_scan(struct cs_scanner *s, const unsigned char *bytes, size_t length);

// CSupplyXML.c
CS_INTERNAL int32_t cs_parse_run(struct cs_parser *parser, xmlSAXHandler *sax, struct cs_source *source,
                                 const cs_schema *schema, const cs_callbacks *callbacks, const char *filename,
                                 int32_t *io_errno);

// Pipeline.c
CS_INTERNAL int cs_parse_pipelined(struct cs_source *source, const cs_schema *schema, const cs_callbacks *callbacks,
                                   const char *filename, int32_t *io_errno, int32_t *status);
// Stops the replay running on this thread, if any; returns whether there was one.
CS_INTERNAL int cs_pipeline_stop_current(void);

#endif
