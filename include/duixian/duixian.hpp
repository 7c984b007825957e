#pragma once
/// @file
/// @brief Everything in Duixian's C++ API, in one include.

#include "duixian/allocate.hpp"
#include "duixian/decimal.hpp"
#include "duixian/error.hpp"
#include "duixian/money.hpp"
#include "duixian/rounding.hpp"
#include "duixian/version.hpp"
