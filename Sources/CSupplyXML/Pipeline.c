// A large input parsed on a thread of its own. See internal.h.
#include "internal.h"

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
        if (cs_current_parser) cs_halt(cs_current_parser);
        return NULL;
    }
    p->current->used = size;
    return p->current->data;
}

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

// After each recorded event: a stop the callbacks asked for reaches the parse.
static void pipeline_check_stop(struct cs_pipeline *p) {
    if (atomic_load_explicit(&p->stop_requested, memory_order_relaxed) && cs_current_parser && !cs_current_parser->stopped)
        cs_halt(cs_current_parser);
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
    p->status = cs_parse_run(&p->parser, &p->sax, p->source, p->schema, &p->recording, p->filename, &p->io_errno);
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
int cs_parse_pipelined(struct cs_source *source, const cs_schema *schema, const cs_callbacks *callbacks,
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
    cs_end(&p->parser);
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

int cs_pipeline_stop_current(void) {
    struct cs_pipeline *pipeline = current_replay;
    if (pipeline == NULL) return 0;
    pipeline->stopped = 1;
    atomic_store(&pipeline->stop_requested, 1);
    pthread_mutex_lock(&pipeline->lock);
    pthread_cond_signal(&pipeline->emptied);
    pthread_mutex_unlock(&pipeline->lock);
    return 1;
}
