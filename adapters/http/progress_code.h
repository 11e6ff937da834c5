#pragma once
// The progress code (Art. 15): what the family receives when a case opens
// and types into the parents' page to follow it, without an account. 16
// characters from an alphabet without look-alikes (no 0/O, no 1/I), about
// 80 random bits from the system's generator: not guessable, short enough
// to read out on the phone. The store keeps only its SHA-256.

#include <optional>
#include <string>

namespace xueji::http {

// A fresh code, 16 characters of kProgressCodeAlphabet.
std::string new_progress_code();

// The code as typed, in the form it was issued: upper-cased, with the
// spaces and hyphens people group it with removed; none when what remains
// is not 16 characters of the alphabet.
std::optional<std::string> normalise_progress_code(const std::string& typed);

// What the store keeps and looks a code up by: the SHA-256 of the issued
// form, hex.
std::string progress_code_hash(const std::string& code);

}  // namespace xueji::http
