#include "dectest_ops.hpp"

#include <algorithm>
#include <map>

namespace dectest {

namespace {

using duixian::Decimal;
using duixian::RoundingMode;

const char* const kUnfaithful = "operand exponent outside -38..0 changes the natural exponent";

/// Rounds an exact library result to the case's precision. At 38 digits or more an exact
/// result that fits (the model checked) needs no rounding.
Decimal to_precision(const Decimal& exact, long precision, RoundingMode mode) {
  if (precision >= Decimal::max_digits) return exact;
  return exact.round_significant(static_cast<int>(precision), mode);
}

/// Why the library cannot hold the exact result or its rounding to `precision`; "" if it can.
std::string fit_problem(const model::Num& exact, long precision, RoundingMode mode) {
  if (!model::fits(exact)) return "exact result needs more than 38 digits or a scale above 38";
  if (!model::fits(model::round_to_precision(exact, precision, mode))) {
    return "rounded result needs more than 38 digits";
  }
  return "";
}

model::Num negated(model::Num x) {
  x.negative = !x.negative;
  return x;
}

/// add, subtract, multiply, plus, minus, abs, min, max, toSci, toEng: the exact result
/// rounded to the precision. The model gives GDA's exact result (for the fit prediction and
/// its natural exponent); the library computes the answer.
Outcome arithmetic(const std::string& op, const std::vector<Operand>& in, long precision, RoundingMode mode) {
  const Operand& a = in[0];
  const bool binary = in.size() == 2;
  const int order = binary ? Decimal::compare(a.value, in[1].value) : 0;
  const bool take_b = (op == "min" && order > 0) || (op == "max" && order < 0);
  model::Num exact = take_b ? in[1].num : a.num;  // plus, toSci, toEng, min, max
  Decimal lib = take_b ? in[1].value : a.value;
  int natural_scale = lib.scale();
  if (op == "add" || op == "subtract") {
    exact = model::add(a.num, in[1].num, op == "subtract");
    natural_scale = std::max(a.value.scale(), in[1].value.scale());
  } else if (op == "multiply") {
    exact = model::multiply(a.num, in[1].num);
    natural_scale = a.value.scale() + in[1].value.scale();
  } else if (op == "minus") {
    exact = negated(a.num);
  } else if (op == "abs") {
    exact.negative = false;
  }
  Outcome out;
  out.skip = fit_problem(exact, precision, mode);
  if (!out.skip.empty()) return out;

  if (op == "add") lib = a.value + in[1].value;
  if (op == "subtract") lib = a.value - in[1].value;
  if (op == "multiply") lib = a.value * in[1].value;
  if (op == "minus") lib = -a.value;
  if (op == "abs") lib = a.value.abs();
  out.got = to_precision(lib, precision, mode);

  // Duixian stores an operand with exponent > 0 at scale 0 (and a zero below -38 at scale 38).
  // When that moves the exact result's natural exponent away from GDA's, only values compare.
  if (exact.exponent != -natural_scale) out.value_only = kUnfaithful;
  // GDA breaks a tie between equal values by sign and exponent; Duixian's compare is by
  // value only, so for equal operands only the value of the answer is checked.
  if ((op == "min" || op == "max") && order == 0) out.value_only = "min/max of equal values (GDA tie-break)";
  if (op == "toeng") out.value_only = "toEng writes an engineering exponent";
  return out;
}

/// GDA divide: the quotient rounded to `precision` digits; when that is exact, trailing
/// zeros are removed while the exponent is below the ideal exponent ea - eb. Emulated
/// exactly: the places come from the model's leading-digit exponent, the library divides
/// and rounds, and the zeros are stripped from the library's result.
Outcome divide(const std::vector<Operand>& in, long precision, RoundingMode mode) {
  const Operand& a = in[0];
  const Operand& b = in[1];
  Outcome out;
  if (b.value.is_zero()) {
    out.skip = "division by zero";
    return out;
  }
  const long ideal = a.num.exponent - b.num.exponent;
  long places = 0;
  bool exact = true;
  if (a.value.is_zero()) {
    places = -ideal < 0 ? 0 : (-ideal > 38 ? 38 : -ideal);  // 0 at the ideal exponent
  } else {
    // Past ~200 digits a quotient of 38-digit operands is either exact already or never.
    const long digits = precision < 200 ? precision : 200;
    const long lowest = model::quotient_adjusted(a.num, b.num) - digits + 1;
    model::quotient_at(a.num, b.num, lowest, mode, exact);
    places = -lowest;
    if (exact && places > 38) {
      bool exact38 = false;
      model::quotient_at(a.num, b.num, -38, mode, exact38);
      if (!exact38) {
        out.skip = "exact quotient needs a scale above 38";
        return out;
      }
      places = 38;
    } else if (!exact && precision > 38) {
      out.skip = "inexact quotient at a precision above 38 digits";
      return out;
    } else if (!exact && places > 38) {
      out.skip = "rounded quotient needs a scale above 38";
      return out;
    }
    if (places < -38) {
      out.skip = "rounded quotient needs more than 38 digits";
      return out;
    }
    bool ignored = false;
    if (!model::fits(model::quotient_at(a.num, b.num, -places, mode, ignored))) {
      out.skip = "rounded quotient needs more than 38 digits";
      return out;
    }
  }
  Decimal q = duixian::divide(a.value, b.value, static_cast<int>(places), mode);
  q = to_precision(q, precision, mode);  // a carry (9.996 → 10.00) leaves one digit too many
  const int ideal_scale = ideal > 0 ? 0 : static_cast<int>(-ideal);
  while (exact && q.scale() > ideal_scale && q.coefficient() % 10 == 0) q = q.with_scale(q.scale() - 1);
  out.got = q;
  return out;
}

}  // namespace

std::string quantize_problem(const std::string& op, const std::vector<Operand>& in, long precision, RoundingMode mode,
                             long& exponent) {
  if (op == "rescale") {
    const model::Num& n = in[1].num;
    if (n.exponent < 0 && n.coefficient % model::pow10(-n.exponent) != 0) return "rescale exponent not an integer";
    if (n.exponent > 18 || model::digits(n.coefficient) > 18) return "quantize/rescale exponent outside -38..38";
    const model::Int v = n.exponent >= 0 ? model::Int(n.coefficient * model::pow10(n.exponent))
                                         : model::Int(n.coefficient / model::pow10(-n.exponent));
    if (v > 1000) return "quantize/rescale exponent outside -38..38";
    exponent = n.negative ? -v.convert_to<long>() : v.convert_to<long>();
  } else {
    exponent = in[1].num.exponent;
  }
  if (exponent < -38 || exponent > 38) return "quantize/rescale exponent outside -38..38";
  const model::Num r = model::round_to_exponent(in[0].num, exponent, mode);
  if (model::digits(r.coefficient) > precision) {
    return "quantize/rescale result longer than precision (GDA Invalid_operation)";
  }
  if (!model::fits_at_exponent(r)) return "quantize/rescale result needs more than 38 digits";
  return "";
}

std::size_t arity(const std::string& operation) {
  static const std::map<std::string, std::size_t> kArity = {
      {"add", 2},   {"subtract", 2}, {"multiply", 2},   {"divide", 2},      {"quantize", 2}, {"rescale", 2},
      {"compare", 2}, {"min", 2},    {"max", 2},        {"abs", 1},         {"minus", 1},    {"plus", 1},
      {"tointegral", 1}, {"tointegralx", 1}, {"tosci", 1}, {"toeng", 1}};
  const auto it = kArity.find(operation);
  return it == kArity.end() ? 0 : it->second;
}

Outcome apply(const std::string& op, const std::vector<Operand>& in, long precision, RoundingMode mode) {
  if (op == "divide") return divide(in, precision, mode);
  if (op == "quantize" || op == "rescale") {
    // GDA: a rounded to exponent e = exp(b) (quantize) or b (rescale), i.e. round(-e); no
    // precision rounding, and a result longer than the precision is Invalid_operation.
    long exponent = 0;
    Outcome out;
    out.skip = quantize_problem(op, in, precision, mode, exponent);
    if (out.skip.empty()) out.got = in[0].value.round(static_cast<int>(-exponent), mode);
    return out;
  }
  if (op == "compare") return Outcome{Decimal(Decimal::compare(in[0].value, in[1].value)), "", ""};
  if (op == "tointegral" || op == "tointegralx") {
    // Round to exponent 0; an operand at scale 0 (exponent >= 0) is returned unchanged by round(0).
    // GDA does not round this result to the precision.
    return Outcome{in[0].value.round(0, mode), "", ""};
  }
  return arithmetic(op, in, precision, mode);
}

}  // namespace dectest
