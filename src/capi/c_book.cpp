// The C ABI: policy books.
#include "capi/c_support.hpp"
#include "support/file.hpp"

using namespace duixian;
using namespace duixian::capi;

namespace {

duixian_book* make_book(std::string_view text, const std::string& name) {
  PolicyBookLoad load = read_policy_book(text, name);
  if (!load.book) {
    fail(DUIXIAN_E_INVALID_ARGUMENT, "the policy book " + name + " has errors:\n" + diagnostics_message(load.diagnostics));
  }
  auto handle = std::make_unique<duixian_book>();
  handle->book = std::make_shared<const PolicyBook>(std::move(*load.book));
  return handle.release();
}

}  // namespace

extern "C" {

int duixian_book_load_file(const char* path, duixian_book** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(path, "path");
    need(out, "out");
    const std::string text = read_file(path);
    *out = make_book(text, path);
    return DUIXIAN_OK;
  });
}

int duixian_book_load_text(const char* text, size_t size, const char* name, duixian_book** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(text, "text");
    need(out, "out");
    *out = make_book(std::string_view(text, size), name != nullptr ? name : "<text>");
    return DUIXIAN_OK;
  });
}

void duixian_book_free(duixian_book* book) { delete book; }

int duixian_book_id(const duixian_book* book, const char** out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->id().c_str();
    return DUIXIAN_OK;
  });
}

int duixian_book_year(const duixian_book* book, int* out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->year();
    return DUIXIAN_OK;
  });
}

int duixian_book_policy_count(const duixian_book* book, size_t* out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->policies().size();
    return DUIXIAN_OK;
  });
}

int duixian_book_sha256(const duixian_book* book, const char** out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->source_sha256().c_str();
    return DUIXIAN_OK;
  });
}

}  // extern "C"
