// The C ABI: registers, loaded from files or text or built fact by fact.
#include "capi/c_support.hpp"

using namespace duixian;
using namespace duixian::capi;

namespace {

LoadOptions load_options_of(const duixian_load_options* options) {
  check_version(options, DUIXIAN_LOAD_OPTIONS_VERSION, "duixian_load_options");
  LoadOptions out;
  if (options != nullptr) {
    if (options->encoding == DUIXIAN_ENCODING_GB18030) {
      out.encoding = TextEncoding::gb18030;
    } else if (options->encoding != DUIXIAN_ENCODING_UTF8) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown encoding " + std::to_string(options->encoding));
    }
  }
  return out;
}

bool allow_rejected(const duixian_load_options* options) {
  return options != nullptr && options->allow_rejected_rows != 0;
}

void check_loaded(const Diagnostics& diagnostics, bool allow) {
  if (!allow && has_errors(diagnostics)) {
    fail(DUIXIAN_E_PARSE, "the register has errors:\n" + diagnostics_message(diagnostics));
  }
}

duixian_register* wrap_register(Register reg) {
  auto handle = std::make_unique<duixian_register>();
  handle->reg = std::move(reg);
  return handle.release();
}

// A builder that has not been built yet (outside extern "C": it returns a C++ reference).
RegisterBuilder& live(duixian_register_builder* builder) {
  need(builder, "builder");
  if (!builder->builder) fail(DUIXIAN_E_MISUSE, "the register builder was already built (it is spent)");
  return *builder->builder;
}

}  // namespace

extern "C" {

int duixian_register_load_files(const duixian_book* book, const char* enterprises_path, const char* facts_path,
                                const char* revision_path, const duixian_load_options* options,
                                duixian_register** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(enterprises_path, "enterprises_path");
    need(facts_path, "facts_path");
    need(out, "out");
    const LoadOptions load = load_options_of(options);
    // Fail with an I/O status (not a diagnostic) when a file cannot be read at all.
    for (const char* path : {enterprises_path, facts_path, revision_path}) {
      if (path == nullptr) continue;
      std::FILE* f = std::fopen(path, "rb");
      if (f == nullptr) fail(DUIXIAN_E_IO, std::string("cannot open ") + path + ": " + std::strerror(errno));
      std::fclose(f);
    }
    LoadedRegister loaded = load_register(book->book->schema(), enterprises_path, facts_path, load,
                                          revision_path != nullptr ? revision_path : "");
    check_loaded(loaded.diagnostics, allow_rejected(options));
    *out = wrap_register(std::move(loaded.reg));
    return DUIXIAN_OK;
  });
}

int duixian_register_load_text(const duixian_book* book, const char* enterprises_csv, size_t enterprises_size,
                               const char* facts_csv, size_t facts_size, const duixian_load_options* options,
                               duixian_register** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(enterprises_csv, "enterprises_csv");
    need(facts_csv, "facts_csv");
    need(out, "out");
    const LoadOptions load = load_options_of(options);
    RegisterBuilder builder(book->book->schema());
    Diagnostics diagnostics;
    load_enterprises_csv(builder, std::string_view(enterprises_csv, enterprises_size), "<enterprises>", load,
                         diagnostics);
    load_facts_csv(builder, std::string_view(facts_csv, facts_size), "<facts>", load, diagnostics);
    check_loaded(diagnostics, allow_rejected(options));
    *out = wrap_register(std::move(builder).build());
    return DUIXIAN_OK;
  });
}

void duixian_register_free(duixian_register* reg) { delete reg; }

int duixian_register_size(const duixian_register* reg, size_t* out) {
  return guarded([&] {
    need(reg, "reg");
    need(out, "out");
    *out = reg->reg.size();
    return DUIXIAN_OK;
  });
}

int duixian_register_fact_count(const duixian_register* reg, size_t* out) {
  return guarded([&] {
    need(reg, "reg");
    need(out, "out");
    *out = reg->reg.fact_count();
    return DUIXIAN_OK;
  });
}

int duixian_register_sha256(const duixian_register* reg, char** out) {
  return guarded([&] {
    need(reg, "reg");
    need(out, "out");
    *out = dup(reg->reg.canonical_sha256());
    return DUIXIAN_OK;
  });
}

int duixian_register_builder_new(const duixian_book* book, duixian_register_builder** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    auto handle = std::make_unique<duixian_register_builder>();
    handle->builder.emplace(book->book->schema());
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

void duixian_register_builder_free(duixian_register_builder* builder) { delete builder; }

int duixian_register_builder_add_enterprise(duixian_register_builder* builder, const char* credit_code,
                                            const char* name, const char* region, const char* industry,
                                            const char* tags, const char* registered_on) {
  return guarded([&] {
    RegisterBuilder& b = live(builder);
    need(credit_code, "credit_code");
    need(name, "name");
    need(region, "region");
    need(industry, "industry");
    need(registered_on, "registered_on");
    const CreditCode code = CreditCode::parse(credit_code);
    if (*name == '\0') fail(DUIXIAN_E_PARSE, "the name is empty");
    Enterprise e{code,
                 name,
                 RegionCode::parse(region),
                 IndustryCode::parse(industry),
                 parse_tags(tags != nullptr ? tags : ""),
                 Date::parse(registered_on),
                 {}};
    if (b.view().find(code)) fail(DUIXIAN_E_INVALID_ARGUMENT, "duplicate enterprise " + code.to_string());
    b.add_enterprise(std::move(e));
    return DUIXIAN_OK;
  });
}

int duixian_register_builder_add_fact(duixian_register_builder* builder, const char* credit_code,
                                      const char* metric, const char* period, const char* value, int mode) {
  return guarded([&] {
    RegisterBuilder& b = live(builder);
    need(credit_code, "credit_code");
    need(metric, "metric");
    need(period, "period");
    need(value, "value");
    if (mode != DUIXIAN_FACT_ADD && mode != DUIXIAN_FACT_REVISE) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown fact mode " + std::to_string(mode));
    }
    const CreditCode code = CreditCode::parse(credit_code);
    const auto index = b.view().find(code);
    if (!index) fail(DUIXIAN_E_NOT_FOUND, "no enterprise " + code.to_string() + " in the register");
    const MetricSchema& schema = b.view().schema();
    const auto metric_id = schema.find(metric);
    if (!metric_id) {
      fail(DUIXIAN_E_NOT_FOUND,
           std::string("unknown metric \"") + metric + "\" (expected one of " + schema.names() + ")");
    }
    const Metric& m = schema[*metric_id];
    const Period p = Period::parse(period);
    if (p.kind() != m.period_kind) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "metric " + m.name + " is kept per " + to_string(m.period_kind) +
                                           ", but the period \"" + period + "\" is " + to_string(p.kind()));
    }
    const FactValue v = parse_fact_value(m, value);
    if (mode == DUIXIAN_FACT_REVISE) {
      b.revise_fact(*index, *metric_id, p, v);
    } else {
      b.add_fact(*index, *metric_id, p, v);
    }
    return DUIXIAN_OK;
  });
}

int duixian_register_builder_build(duixian_register_builder* builder, duixian_register** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    RegisterBuilder& b = live(builder);
    need(out, "out");
    Register reg = std::move(b).build();
    builder->builder.reset();
    *out = wrap_register(std::move(reg));
    return DUIXIAN_OK;
  });
}

}  // extern "C"
