// The input stage of the parser (private to CSupplyXML; libxml2 is not needed here).
//
// It tells a document's encoding from its first bytes and its XML declaration, and turns the
// bytes into UTF-8 with XML's line ends (every CR LF and lone CR becomes LF, as XML 1.0 section 2.11
// has a parser do before parsing). libxml2 then reads UTF-8 only (XML_PARSE_IGNORE_ENC), so
// every byte that does not belong to the declared encoding is refused here, at its line and
// column — libxml2 2.9's own converters print an unlocated "input conversion failed" on stderr
// and stop the parse as if the document had ended there — and its line numbers, which count
// LF only, are the real ones.
#ifndef CSUPPLYXML_DECODER_H
#define CSUPPLYXML_DECODER_H

#include <stddef.h>
#include <stdint.h>

enum cs_decoder_kind { CS_DEC_UTF8, CS_DEC_UTF16LE, CS_DEC_UTF16BE, CS_DEC_LATIN1, CS_DEC_ASCII, CS_DEC_ICONV };

struct cs_decoder {
    int kind;                  // an `enum cs_decoder_kind`
    int multibyte;             // iconv: characters may take several bytes (for messages)
    void *iconv;               // iconv_t for CS_DEC_ICONV
    char name[48];             // the encoding as the document names it, for messages
    int pending_cr;            // the last byte handed on was a CR (now LF): a next LF is dropped
    int32_t high_surrogate;    // UTF-16: a high surrogate waiting for its low half, or -1
    unsigned char carry[8];    // bytes of a character cut by the end of a chunk
    size_t carry_length;
    unsigned char *stage;      // carry + chunk, when there is a carry
    size_t stage_capacity;
    unsigned char *out;        // the UTF-8 handed to libxml2, when it is not the input itself
    size_t out_capacity;
};

/// A refusal: the message, and where it is when it is known from the first bytes alone
/// (line 0: at the position the caller has reached in the text handed on so far).
struct cs_decode_error {
    char message[256];
    int32_t line, column;
};

/// Looks at the first bytes of a document (all of it, or at least its first 4 KiB) and sets
/// up `decoder`. Returns the number of bytes to skip (a byte-order mark), or -1 with `error`
/// filled in: an encoding that is refused, unknown, or contradicts the byte-order mark.
int cs_decoder_open(struct cs_decoder *decoder, const unsigned char *bytes, size_t length,
                    struct cs_decode_error *error);

/// Decodes one chunk (`final`: the last, possibly empty). Sets `*out` and `*out_length` to the
/// UTF-8 text to hand on (it may be `bytes` itself). Returns 0, or -1 with `error` filled in:
/// then `*out` holds the text before the first bad byte, and the error is at its end.
int cs_decoder_decode(struct cs_decoder *decoder, const unsigned char *bytes, size_t length,
                      int final, const unsigned char **out, size_t *out_length,
                      struct cs_decode_error *error);

/// Frees what the decoder holds.
void cs_decoder_close(struct cs_decoder *decoder);

#endif
