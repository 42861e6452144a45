// COIN-OR CLP (linear programmes, with duals) and CBC (mixed-integer programmes) through their
// plain C interfaces, as Debian ships them (apt: coinor-libclp-dev, coinor-libcbc-dev;
// pkg-config: clp, cbc). Both headers are C: no C++ type reaches Swift.
#include <coin/Clp_C_Interface.h>
#include <coin/Cbc_C_Interface.h>
