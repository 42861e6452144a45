// The floor of the import: libxml2's SAX2 push parser over a file in 256 KiB chunks, with a
// start-element callback that only counts (the benchmark's first row, Tools/bench).
//
//     cc -O2 Tools/probe/sax_probe.c $(pkg-config --cflags --libs libxml-2.0) -o sax_probe
//     ./sax_probe FILE            # prints the number of elements
//     ./sax_probe --schema XSD FILE   # the same with xmlSchemaSAXPlug, as the importer validates
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long elements;

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
    (void)ctx; (void)localname; (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
    (void)nb_attributes; (void)nb_defaulted; (void)attributes;
    elements++;
}

static void on_error(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

int main(int argc, char **argv) {
    const char *xsd = NULL;
    int k = 1;
    if (argc > 3 && strcmp(argv[1], "--schema") == 0) { xsd = argv[2]; k = 3; }
    if (k >= argc) { fprintf(stderr, "usage: sax_probe [--schema XSD] FILE\n"); return 2; }
    xmlSAXHandler *sax = calloc(1, sizeof *sax); // on the heap: the schema plug keeps a pointer
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = on_start;
    sax->serror = on_error;
    xmlSAXHandlerPtr handler = sax;
    void *user = NULL;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr valid = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    if (xsd) {
        xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(xsd);
        schema = xmlSchemaParse(pctxt);
        xmlSchemaFreeParserCtxt(pctxt);
        if (!schema) { fprintf(stderr, "sax_probe: the schema does not compile\n"); return 2; }
        valid = xmlSchemaNewValidCtxt(schema);
        plug = xmlSchemaSAXPlug(valid, &handler, &user);
    }
    int fd = open(argv[k], O_RDONLY);
    if (fd < 0) { perror(argv[k]); return 2; }
    static char chunk[256 * 1024];
    ssize_t n = read(fd, chunk, 4);
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(handler, user, chunk, (int)(n > 0 ? n : 0), argv[k]);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    while ((n = read(fd, chunk, sizeof chunk)) > 0) xmlParseChunk(ctxt, chunk, (int)n, 0);
    xmlParseChunk(ctxt, chunk, 0, 1);
    int ok = ctxt->wellFormed && (!valid || xmlSchemaIsValid(valid));
    printf("%lu elements%s\n", elements, ok ? "" : " (not well-formed or not valid)");
    xmlFreeParserCtxt(ctxt);
    if (plug) xmlSchemaSAXUnplug(plug);
    if (valid) xmlSchemaFreeValidCtxt(valid);
    if (schema) xmlSchemaFree(schema);
    close(fd);
    free(sax);
    return ok ? 0 : 1;
}
