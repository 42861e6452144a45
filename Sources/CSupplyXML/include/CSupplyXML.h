// CSupplyXML — the only code in Chokepoint that includes libxml2.
//
// This header uses plain C types and opaque handles only, so Swift modules that import it
// never see libxml2's (or ICU's) types; see STYLE.md for why that matters with Foundation.
// The parser streams a file through its own input stage (encodings, line ends: Decoder.c) and
// libxml2's SAX2 push interface (the target's .c files, through its internal.h, are the only
// code that includes libxml2: SAX.c, PreScan.c, Pipeline.c and CSupplyXML.c), optionally
// validating it against an XML Schema on the fly, and reports elements as small integer codes
// with their attributes as (code, pointer, length) triples that live until the callback returns.
#ifndef CSUPPLYXML_H
#define CSUPPLYXML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Elements of the supply-chain namespace. `CS_EL_UNKNOWN` is any other element.
enum cs_element {
    CS_EL_UNKNOWN = 0,
    CS_EL_SUPPLY_CHAIN,
    CS_EL_COUNTRY_GROUP,
    CS_EL_SYSTEM,
    CS_EL_COMPONENT,
    CS_EL_MATERIAL,
    CS_EL_USES,
    CS_EL_SUPPLIER,
    CS_EL_SUPPLIES,
    CS_EL_SUPPLY,
    CS_EL_SOURCED_FROM,
    CS_EL_ENTITY,
    CS_EL_OWNER,
    CS_EL_OPTION,
    CS_EL_COUNT
};

/// Attributes without a namespace. `CS_AT_UNKNOWN` is any other name, `CS_AT_FOREIGN` any
/// attribute in a namespace.
enum cs_attribute {
    CS_AT_UNKNOWN = 0,
    CS_AT_FOREIGN,
    CS_AT_ID,
    CS_AT_NAME,
    CS_AT_UNIT,
    CS_AT_DEMAND,
    CS_AT_STOCK,
    CS_AT_ITEM,
    CS_AT_QUANTITY,
    CS_AT_COUNTRY,
    CS_AT_CONTROLLED_BY,
    CS_AT_RECOVERY_DAYS,
    CS_AT_SHARE,
    CS_AT_CAPACITY,
    CS_AT_LEAD_TIME_DAYS,
    CS_AT_SUPPLIER,
    CS_AT_SUPPLIERS,
    CS_AT_MEMBERS,
    CS_AT_AS_OF,
    CS_AT_WEIGHT,
    CS_AT_PRICE,
    CS_AT_CURRENCY,
    CS_AT_CAGE,
    CS_AT_LEI,
    CS_AT_REGISTRATION,
    CS_AT_PERSON,
    CS_AT_OF,
    CS_AT_BY,
    CS_AT_CONTROL,
    CS_AT_MAX_PURCHASE,
    CS_AT_COST,
    CS_AT_COMMODITY,
    CS_AT_AGGREGATE,
    CS_AT_HOME,
    CS_AT_DECLARANT,
    CS_AT_COUNT
};

typedef struct cs_attribute_value {
    int32_t code;              ///< an `enum cs_attribute`
    int32_t length;            ///< bytes in `value`
    const char *value;         ///< UTF-8, not NUL-terminated
    const char *localname;     ///< NUL-terminated, for messages
} cs_attribute_value;

typedef struct cs_start_element {
    int32_t element;           ///< an `enum cs_element`
    int32_t line;              ///< line of the `<` that opens the tag, 1-based
    int32_t column;            ///< column of that `<`, 1-based, in characters
    int32_t attribute_count;
    const char *localname;     ///< NUL-terminated
    const char *namespace_uri; ///< NUL-terminated, or NULL
    const cs_attribute_value *attributes;
} cs_start_element;

enum cs_level { CS_WARNING = 1, CS_ERROR = 2, CS_FATAL = 3 };
enum cs_origin { CS_ORIGIN_PARSER = 1, CS_ORIGIN_SCHEMA = 2, CS_ORIGIN_SHIM = 3 };

typedef struct cs_diagnostic {
    int32_t level;             ///< an `enum cs_level`
    int32_t origin;            ///< an `enum cs_origin`
    int32_t line;              ///< 1-based, 0 when unknown
    int32_t column;            ///< 1-based, 0 when unknown
    int32_t code;              ///< libxml2's error code
    const char *message;       ///< NUL-terminated, may end in a newline
} cs_diagnostic;

typedef struct cs_callbacks {
    void *context;
    void (*start_element)(void *context, const cs_start_element *start);
    void (*end_element)(void *context, int32_t element);
    void (*diagnostic)(void *context, const cs_diagnostic *diagnostic);
    /// Called after each chunk with the bytes read so far; may be NULL.
    void (*progress)(void *context, uint64_t bytes_read);
    /// Character data between tags (UTF-8, `length` bytes, not NUL-terminated), in pieces as
    /// libxml2 hands it over; may be NULL (the native format has none). CDATA sections come as
    /// text; entities are never substituted (a reference to one is an error), character
    /// references and the five predefined entities arrive decoded.
    void (*characters)(void *context, const char *text, int32_t length);
    /// Whether `cs_parse_file` and `cs_parse_memory` parse on a second thread while the
    /// callbacks run on the calling thread (in the same order, with the same values, as on one
    /// thread): 0 from 1 MiB of input on (a thread costs more than it saves on a small file),
    /// 1 always, -1 never (for tests and benchmarks).
    int32_t threading;
} cs_callbacks;



/// A compiled XML Schema, shareable across parses (read-only after creation).
typedef struct cs_schema cs_schema;

/// Compiles an XSD held in memory. Returns NULL and writes a message into `error` on failure.
cs_schema *cs_schema_create(const char *xsd, size_t length, char *error, size_t error_capacity);
void cs_schema_free(cs_schema *schema);

/// Results of `cs_parse_file`.
enum cs_status {
    CS_STATUS_OK = 0,          ///< parsed; diagnostics may still hold warnings or errors
    CS_STATUS_IO_ERROR = 1,    ///< the file could not be opened or read; see `io_errno`
    CS_STATUS_FAILED = 2,      ///< parsing stopped on a fatal error (reported as a diagnostic)
    CS_STATUS_STOPPED = 3      ///< stopped on request (`cs_stop_current_parse`)
};

/// Parses one file. `schema` may be NULL (no validation). Safe: no network, no DTD, no entity
/// substitution; a DOCTYPE is refused. The encoding is decided and every byte checked by the
/// input stage (Decoder.c) before libxml2, which reads UTF-8 only; a byte the declared encoding
/// does not define is a diagnostic at its line and column. Returns an `enum cs_status`; `*io_errno` is set for
/// `CS_STATUS_IO_ERROR`.
int32_t cs_parse_file(const char *path, const cs_schema *schema, const cs_callbacks *callbacks,
                      int32_t *io_errno);

/// Parses bytes held in memory (for tests and the fuzzer). Same rules as `cs_parse_file`.
int32_t cs_parse_memory(const char *bytes, size_t length, const cs_schema *schema,
                        const cs_callbacks *callbacks);

/// The names a generic parse (`cs_push_create` with a vocabulary) reports as codes: an element
/// whose local name is `elements[k]` comes as code `k + 1` (in any namespace: the caller checks
/// `namespace_uri`), any other as 0; an attribute whose local name is `attributes[k]` as code
/// `k + 2`, any other as `CS_AT_UNKNOWN` or, in a namespace, `CS_AT_FOREIGN`.
typedef struct cs_vocabulary {
    const char *const *elements;
    int32_t element_count;
    const char *const *attributes;
    int32_t attribute_count;
} cs_vocabulary;

/// A parse fed by the caller, chunk by chunk (a part of a ZIP archive as it is inflated).
typedef struct cs_push_parser cs_push_parser;

/// Starts a parse of bytes the caller will feed. `vocabulary` NULL: the supply-chain codes of
/// `cs_parse_file`; otherwise a generic parse with the caller's names. `schema` may be NULL.
/// The same rules as `cs_parse_file` (no network, no DTD, no entities, the input stage's
/// encodings, the limits). Returns NULL when out of memory. `vocabulary` and `callbacks` must
/// outlive the parser; `name` is copied.
cs_push_parser *cs_push_create(const cs_schema *schema, const cs_callbacks *callbacks,
                               const cs_vocabulary *vocabulary, const char *name);

/// Feeds the next bytes. Returns 0, or nonzero once the parse has stopped (a fatal error, a
/// refusal or `cs_stop_current_parse`): feeding more does nothing then.
int32_t cs_push_feed(cs_push_parser *parser, const char *bytes, size_t length);

/// Ends the input and returns the `enum cs_status` of the whole parse.
int32_t cs_push_finish(cs_push_parser *parser);

/// Frees the parser (finished or not).
void cs_push_free(cs_push_parser *parser);

/// The spelling of an `enum cs_element` (`""` for `CS_EL_UNKNOWN` or a code out of range).
const char *cs_element_name(int32_t element);

/// The spelling of an `enum cs_attribute` (`""` for `CS_AT_UNKNOWN`, `CS_AT_FOREIGN` or a code
/// out of range).
const char *cs_attribute_name(int32_t attribute);

/// Asks the parse that is running on this thread (or whose callbacks this thread is being given)
/// to stop: no callback comes after the current one returns. Call it only from inside a
/// callback (start_element, end_element, diagnostic).
void cs_stop_current_parse(void);

#ifdef __cplusplus
}
#endif

#endif
